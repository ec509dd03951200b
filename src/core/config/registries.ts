// How to reach a registry host (`images.registries`): its url and, optionally, credentials.
import { InputError } from '../errors.js';
import { displayUrl } from '../format.js';
import { defaultAccess, type Credentials } from '../oci/access.js';
import { expandVariables } from './expand.js';
import type { Located } from './layer.js';
import type { RegistryAccessInput } from './schema.js';

export interface RegistryEndpoint {
  readonly host: string;
  /** Origin of the registry API, e.g. `https://registry-1.docker.io`. */
  readonly url: string;
  /** Unexpanded templates: resolve with `registryCredentials` where they are used. */
  readonly username?: string;
  readonly password?: string;
  readonly where?: string;
}

export type { Credentials };

export function defaultRegistryUrl(host: string): string {
  return defaultAccess(host).url;
}

export function resolveRegistries(
  declared: Readonly<Record<string, Located<RegistryAccessInput>>>,
  env: NodeJS.ProcessEnv,
): Record<string, RegistryEndpoint> {
  const out: Record<string, RegistryEndpoint> = {};
  for (const [host, { value, where }] of Object.entries(declared)) {
    const url = value.url === undefined ? defaultRegistryUrl(host) : checkRegistryUrl(expandVariables(value.url, env, where), where);
    out[host] = {
      host,
      url,
      where,
      ...(value.username !== undefined && { username: value.username }),
      ...(value.password !== undefined && { password: value.password }),
    };
  }
  return out;
}

export function endpointFor(registries: Readonly<Record<string, RegistryEndpoint>>, host: string): RegistryEndpoint {
  return registries[host] ?? { host, url: defaultRegistryUrl(host) };
}

/** Credentials with `${VAR}` expanded; undefined when none are configured. */
export function registryCredentials(endpoint: RegistryEndpoint, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (endpoint.username === undefined && endpoint.password === undefined) return undefined;
  const where = endpoint.where ?? endpoint.host;
  return {
    username: expandVariables(endpoint.username ?? '', env, where),
    password: expandVariables(endpoint.password ?? '', env, where),
  };
}

/** An http(s) origin; plain http only because the user wrote it. */
export function checkRegistryUrl(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(where, `"${displayUrl(text)}" is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(where, `"${displayUrl(text)}" must be an http:// or https:// URL`);
  }
  if (url.username || url.password) throw new InputError(where, 'put credentials in username/password, not in the url');
  if (url.search || url.hash) throw new InputError(where, `"${displayUrl(url)}" must not have a query or fragment`);
  return url.href.replace(/\/$/, '');
}
