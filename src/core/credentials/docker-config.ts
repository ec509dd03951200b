// Credentials the way `docker login` left them. Precedence follows Docker: a per-host
// credential helper, then the global credential store, then inline `auths`. One lenience:
// a credsStore whose helper is missing falls back to `auths`, because CI machines often
// inherit a config.json written on a desktop.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { homeDir } from '../paths.js';
import type { CredentialLookup, Credentials } from '../oci/access.js';
import { HelperMissingError, runCredentialHelper, type CredentialHelperRunner } from './credential-helper.js';

/** The key `docker login` uses for Docker Hub. */
const HUB_KEY = 'https://index.docker.io/v1/';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string } | undefined>;
  credHelpers?: Record<string, string | undefined>;
  credsStore?: string;
}

export interface DockerConfigOptions {
  /** Defaults to `$DOCKER_CONFIG`, then `~/.docker`. */
  readonly configDir?: string;
  readonly runHelper?: CredentialHelperRunner;
}

/** `https://ghcr.io/v2/` -> `ghcr.io`; every Docker Hub spelling -> the hub key. */
export function credentialKey(server: string): string {
  const host = server.replace(/^https?:\/\//i, '').split('/')[0]!.toLowerCase();
  return HUB_ALIASES.has(host) ? HUB_KEY : host;
}

export function dockerConfigCredentials(env: NodeJS.ProcessEnv, options: DockerConfigOptions = {}): CredentialLookup {
  const dir = options.configDir ?? (env['DOCKER_CONFIG'] || join(homeDir(env), '.docker'));
  const path = join(dir, 'config.json');
  const runHelper = options.runHelper ?? ((helper, server) => runCredentialHelper(helper, server, env));
  let config: Promise<DockerConfigFile> | undefined;

  return async (host) => {
    config ??= readConfig(path);
    const file = await config;
    const key = credentialKey(host);
    const helper = findByKey(file.credHelpers, key);
    if (helper !== undefined) return runHelper(helper, key);
    if (file.credsStore !== undefined && file.credsStore !== '') {
      try {
        const stored = await runHelper(file.credsStore, key);
        if (stored !== undefined) return stored;
      } catch (err) {
        if (!(err instanceof HelperMissingError)) throw err;
      }
    }
    return inlineAuth(findByKey(file.auths, key), path, key);
  };
}

async function readConfig(path: string): Promise<DockerConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as DockerConfigFile) : {};
  } catch {
    throw new InputError(path, 'not valid JSON');
  }
}

function findByKey<T>(entries: Record<string, T | undefined> | undefined, key: string): T | undefined {
  if (entries === undefined) return undefined;
  for (const [server, value] of Object.entries(entries)) {
    if (credentialKey(server) === key) return value;
  }
  return undefined;
}

function inlineAuth(
  entry: { auth?: string; username?: string; password?: string } | undefined,
  path: string,
  key: string,
): Credentials | undefined {
  if (entry === undefined) return undefined;
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new InputError(path, `auths entry for ${key} is not base64 "user:password"`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}
