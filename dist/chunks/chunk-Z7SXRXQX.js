import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

// src/core/paths.ts
import { homedir } from "node:os";
import { join, resolve } from "node:path";
function expandHome(path, env) {
  if (path !== "~" && !path.startsWith("~/")) return path;
  return join(homeDir(env), path.slice(1));
}
function homeDir(env) {
  return env.HOME || homedir();
}
function userPath(path, cwd, env) {
  return resolve(cwd, expandHome(path, env));
}
function sewHome(env, cwd, override) {
  const chosen = override ?? env.SEW_HOME;
  return chosen ? userPath(chosen, cwd, env) : defaultSewHome(env);
}
function defaultSewHome(env) {
  return join(homeDir(env), ".sew");
}
function kubeconfigPath(env) {
  return env.KUBECONFIG?.split(":")[0] || join(homeDir(env), ".kube", "config");
}

// src/core/format.ts
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
function displayUrl(url) {
  if (typeof url === "string") {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, "$1").replace(/[?#].*$/s, "");
  }
  if (url.protocol === "file:") return decodeURIComponent(url.pathname);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
function maskUrls(text) {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => displayUrl(url));
}

export {
  expandHome,
  homeDir,
  userPath,
  sewHome,
  defaultSewHome,
  kubeconfigPath,
  formatBytes,
  displayUrl,
  maskUrls
};
