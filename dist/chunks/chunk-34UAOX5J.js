import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  writeFileAtomic
} from "./chunk-TCWCERWE.js";
import {
  KIND_DEFAULT_MAX_LENGTH,
  kindDefaultIn,
  refuseNonRegular
} from "./chunk-ZXMGIANR.js";
import {
  displayUrl,
  homeDir,
  maskUrls,
  sewHome
} from "./chunk-Z7SXRXQX.js";
import {
  InputError,
  RuntimeError
} from "./chunk-G6VKCFWK.js";

// src/core/default-reader.ts
import { join as join4 } from "node:path";

// src/core/config/netrc.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
function netrcCredentials(env) {
  let machines;
  return (host) => {
    machines ??= parseNetrc(readNetrc(env));
    return machines.get(host);
  };
}
function readNetrc(env) {
  const path = env.NETRC || join(homeDir(env), ".netrc");
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
function parseNetrc(text) {
  const machines = /* @__PURE__ */ new Map();
  const tokens = tokenize(text);
  let current;
  const flush = () => {
    if (current?.login !== void 0 && current.password !== void 0 && !machines.has(current.host)) {
      machines.set(current.host, { username: current.login, password: current.password });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === "default") break;
    const value = tokens[i + 1];
    if (token === "machine" && value !== void 0) {
      flush();
      current = { host: value };
      i++;
    } else if ((token === "login" || token === "password" || token === "account") && value !== void 0) {
      if (current && token !== "account") current[token] = value;
      i++;
    }
  }
  flush();
  return machines;
}
function tokenize(text) {
  const tokens = [];
  let inMacro = false;
  for (const line of text.split(/\r?\n/)) {
    if (inMacro) {
      inMacro = line.trim() !== "";
      continue;
    }
    for (const word of line.split(/\s+/)) {
      if (word === "") continue;
      if (word.startsWith("#")) break;
      if (word === "macdef") {
        inMacro = true;
        break;
      }
      tokens.push(word);
    }
  }
  return tokens;
}

// src/core/config/sources.ts
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join as join2 } from "node:path";
import { fileURLToPath } from "node:url";

// src/core/oci/http.ts
import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";

// src/core/streams/capped.ts
async function readCapped(body, max) {
  if (body === null) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  const reader = body.getReader();
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return void 0;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// src/core/oci/http.ts
var TransportError = class extends Error {
  constructor(message, options, transient = false) {
    super(message, options);
    this.transient = transient;
  }
  transient;
  name = "TransportError";
};
var TooLargeError = class extends Error {
  name = "TooLargeError";
};
async function send(url, options) {
  const request = url.protocol === "https:" ? (await import("node:https")).request : httpRequest;
  const controller = new AbortController();
  const stall = stallTimer(options.stallMs, controller);
  stall.arm();
  return new Promise((resolve, reject) => {
    const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
    let responded = false;
    const req = request(url, { method: options.method, headers: options.headers ?? {}, signal }, (response) => {
      responded = true;
      stall.stop();
      resolve({ status: response.statusCode ?? 0, headers: headersOf(response), body: bodyOf(options.method, response, stall, controller) });
    });
    req.on("error", (err) => {
      stall.stop();
      reject(tlsError(err, url) ?? transportError(err, controller));
    });
    const body = options.body;
    if (body === void 0 || body instanceof Uint8Array) {
      req.end(body);
      return;
    }
    body.on("data", () => {
      if (!responded) stall.arm();
    });
    body.once("error", (err) => req.destroy(err));
    body.pipe(req);
  });
}
function headersOf(response) {
  return {
    get(name) {
      const value = response.headers[name.toLowerCase()];
      return value === void 0 ? null : Array.isArray(value) ? value.join(", ") : value;
    }
  };
}
function bodyOf(method, response, stall, controller) {
  const status = response.statusCode ?? 0;
  if (method === "HEAD" || status === 204 || status === 304) {
    response.resume();
    return null;
  }
  return watchBody(response, stall, controller);
}
async function readReply(reply, max, what) {
  const declared = Number(reply.headers.get("content-length") ?? Number.NaN);
  if (reply.body !== null && declared > max) {
    await reply.body.cancel();
    throw new TooLargeError(`${what} is ${declared} bytes, over the ${max}-byte limit`);
  }
  const body = await readCapped(reply.body, max);
  if (body === void 0) throw new TooLargeError(`${what} is over the ${max}-byte limit`);
  return body;
}
async function discard(reply) {
  await reply.body?.cancel().catch(() => {
  });
}
function stallTimer(ms, controller) {
  let timer;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new TransportError(`no response for ${ms / 1e3}s`)), ms);
    },
    stop() {
      clearTimeout(timer);
    }
  };
}
function watchBody(response, stall, controller) {
  const reader = Readable.toWeb(response).getReader();
  return new ReadableStream(
    {
      // Only time our wait for the network: a slow consumer is backpressure, not a stall.
      async pull(out) {
        stall.arm();
        try {
          const { done, value } = await reader.read();
          if (done) out.close();
          else out.enqueue(value);
        } catch (err) {
          throw transportError(err, controller);
        } finally {
          stall.stop();
        }
      },
      async cancel(reason) {
        stall.stop();
        if (response.complete) {
          while (!(await reader.read().catch(() => ({ done: true }))).done) ;
          return;
        }
        await reader.cancel(reason).catch(() => {
        });
      }
    },
    { highWaterMark: 0 }
  );
}
var NETWORK_CODES = {
  ECONNREFUSED: ["connection refused", false],
  ECONNRESET: ["connection reset", true],
  ENOTFOUND: ["host not found", false],
  EAI_AGAIN: ["host name lookup failed", false],
  ETIMEDOUT: ["connection timed out", false],
  EHOSTUNREACH: ["host unreachable", false],
  ENETUNREACH: ["network unreachable", false],
  EPIPE: ["connection closed", true]
};
var UNTRUSTED = /* @__PURE__ */ new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_UNTRUSTED",
  "CERT_REJECTED"
]);
var CERTIFICATE_CODES = {
  CERT_HAS_EXPIRED: "certificate expired",
  CERT_NOT_YET_VALID: "certificate not yet valid",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate is not for this host"
};
function tlsError(err, url) {
  const code = err?.code;
  if (!(err instanceof Error) || code === void 0) return void 0;
  const problem = UNTRUSTED.has(code) ? "certificate not trusted" : CERTIFICATE_CODES[code] ?? (/^ERR_(SSL|TLS)_/.test(code) ? "TLS handshake failed" : void 0);
  if (problem === void 0) return void 0;
  return new TransportError(`${url.origin}: ${problem} (${maskUrls(err.message)})`, { cause: err });
}
function transportError(err, controller) {
  if (controller.signal.aborted && controller.signal.reason instanceof TransportError) return controller.signal.reason;
  if (err instanceof TransportError) return err;
  let cause = err;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    const code = cause.code;
    const known = code === void 0 ? void 0 : NETWORK_CODES[code];
    if (known !== void 0) return new TransportError(known[0], { cause: err }, known[1]);
    cause = cause.cause;
  }
  const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
  return new TransportError(`connection failed (${maskUrls(reason)})`, { cause: err });
}

// src/core/oci/origin-policy.ts
function carriesCredentials(url, registry) {
  return url.origin === registry.origin;
}
function redirectRefusal(from, to) {
  if (to.protocol !== "https:" && to.protocol !== "http:") return `redirect to a ${to.protocol} URL refused`;
  if (from.protocol === "https:" && to.protocol === "http:") return `redirect from https to plain http (${to.host}) refused`;
  return void 0;
}
function realmRefusal(realm, registry) {
  if (realm.protocol !== "https:" && realm.protocol !== "http:") return "the token realm is not HTTP(S)";
  if (registry.protocol === "https:" && realm.protocol === "http:") return `the token realm ${realm.host} is plain http while the registry is https`;
  return void 0;
}

// src/core/config/sources.ts
var DEFAULT_REMOTE_LIMITS = { timeoutMs: 15e3, maxBytes: 1024 * 1024 };
var MAX_REDIRECTS = 5;
var Unreachable = class extends RuntimeError {
};
function createSourceReader(options = {}) {
  const limits = options.limits ?? DEFAULT_REMOTE_LIMITS;
  const offline = /* @__PURE__ */ new Map();
  const warnings = [];
  const remote = async (url, signal) => {
    const cache = options.cacheDir === void 0 ? void 0 : cacheFile(options.cacheDir, url);
    if (!offline.has(url.origin)) {
      try {
        const answer = await fetchAnswer(url, limits, options.credentials, signal);
        if (cache) await writeFileAtomic(cache, JSON.stringify({ url: displayUrl(url), ...answer })).catch(() => void 0);
        return answer.found ? answer.text : void 0;
      } catch (err) {
        if (!(err instanceof Unreachable) || !cache) throw err;
        offline.set(url.origin, err.message);
      }
    }
    const kept = cache ? await readCached(cache) : void 0;
    if (kept === void 0) throw new RuntimeError(`${offline.get(url.origin)} (and no copy of ${displayUrl(url)} is cached)`);
    const warning = `context registry ${url.origin} is unreachable: using the copies cached by an earlier run`;
    if (!warnings.includes(warning)) warnings.push(warning);
    return kept.found ? kept.text : void 0;
  };
  return {
    read: (url, signal) => url.protocol === "file:" ? readLocal(fileURLToPath(url)) : remote(url, signal),
    async list(url) {
      if (url.protocol !== "file:") return void 0;
      try {
        return await readdir(fileURLToPath(url));
      } catch {
        return [];
      }
    },
    warnings: () => warnings
  };
}
async function readLocal(path) {
  if ((await stat(path).catch(() => void 0))?.isDirectory()) return void 0;
  await refuseNonRegular(path, "context registry");
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR") return void 0;
    throw new InputError(path, `cannot read: ${err.message}`);
  }
}
function cacheFile(dir, url) {
  return join2(dir, "contexts", `${createHash("sha256").update(url.href).digest("hex")}.json`);
}
async function readCached(path) {
  try {
    const kept = JSON.parse(await readFile(path, "utf8"));
    if (kept.found === true && typeof kept.text === "string") return { found: true, text: kept.text };
    if (kept.found === false) return { found: false };
  } catch {
  }
  return void 0;
}
async function fetchAnswer(start, limits, credentials, cancel) {
  const where = displayUrl(start);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const signal = cancel ? AbortSignal.any([controller.signal, cancel]) : controller.signal;
  const login = credentials?.(start.hostname);
  const authorization = login ? { authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString("base64")}` } : {};
  try {
    let url = start;
    for (let hop = 0; ; hop++) {
      const headers = carriesCredentials(url, start) ? authorization : {};
      const response = await send(url, { method: "GET", headers, stallMs: limits.timeoutMs, signal });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await discard(response);
        if (hop >= MAX_REDIRECTS) throw new InputError(where, `more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        const refusal = redirectRefusal(url, next);
        if (refusal !== void 0) throw new InputError(where, refusal);
        url = next;
        continue;
      }
      if (response.status === 404) {
        await discard(response);
        return { found: false };
      }
      if (response.status < 200 || response.status >= 300) {
        await discard(response);
        const message = `${where}: registry answered HTTP ${response.status}`;
        if (response.status >= 500 || response.status === 429) throw new Unreachable(message);
        throw new RuntimeError(message);
      }
      const declared = Number(response.headers.get("content-length") ?? NaN);
      if (declared > limits.maxBytes) {
        await discard(response);
        throw new InputError(where, `response of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
      }
      return { found: true, text: await readText(response, limits.maxBytes, where) };
    }
  } catch (err) {
    if (err instanceof InputError || err instanceof RuntimeError) throw err;
    if (cancel?.aborted) throw new RuntimeError(`${where}: fetch cancelled`);
    if (controller.signal.aborted) throw new Unreachable(`${where}: no complete answer within ${limits.timeoutMs / 1e3} s`);
    throw new Unreachable(`${where}: cannot reach the registry: ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
async function readText(response, maxBytes, where) {
  const body = await readCapped(response.body, maxBytes);
  if (body === void 0) throw new InputError(where, `response is over the ${maxBytes}-byte limit`);
  return body.toString("utf8");
}
function causeOf(err) {
  const cause = err.cause;
  return maskUrls(cause?.code ?? cause?.message ?? err.message);
}

// src/core/adapters/kind/default-image.ts
import { constants } from "node:fs";
import { access, open, stat as stat2 } from "node:fs/promises";
import { delimiter, join as join3 } from "node:path";
var MAX_SCAN = 256 * 1024 * 1024;
var WINDOW = 4 * 1024 * 1024;
async function kindDefaultImage(env) {
  const binary = await onPath("kind", env);
  if (binary === void 0) return void 0;
  const image = await scan(binary);
  return image === void 0 ? void 0 : { image, binary };
}
async function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join3(dir, name);
    const file = await stat2(candidate).catch(() => void 0);
    if (file?.isFile() && await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return void 0;
}
async function scan(path) {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(WINDOW);
    let tail = "";
    for (let position = 0; position < MAX_SCAN; position += WINDOW) {
      const { bytesRead } = await file.read(buffer, 0, WINDOW, position);
      if (bytesRead === 0) return void 0;
      const text = tail + buffer.toString("latin1", 0, bytesRead);
      const found = kindDefaultIn(text);
      if (found !== void 0) return found;
      tail = text.slice(-KIND_DEFAULT_MAX_LENGTH);
    }
    return void 0;
  } finally {
    await file.close();
  }
}

// src/core/default-reader.ts
function sourceReader(options) {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  return createSourceReader({ cacheDir: join4(home, "cache"), credentials: netrcCredentials(options.env) });
}
var planFacts = { kindDefault: kindDefaultImage };

export {
  readCapped,
  TransportError,
  TooLargeError,
  send,
  readReply,
  discard,
  carriesCredentials,
  redirectRefusal,
  realmRefusal,
  sourceReader,
  planFacts
};
