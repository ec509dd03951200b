// How to reach a registry host (`images.registries`): its url and, optionally, credentials.
// A host's credentials (written here, or in the Docker config) go only to that host's own
// origin or to a url a layer the user wrote chose: a fetched context may route a host
// elsewhere (a public mirror), but never so that the user's login for it follows.
import { InputError } from '../errors.js';
import { displayUrl } from '../format.js';
import { defaultAccess, type CredentialLookup, type Credentials, type RegistryAccess } from '../oci/access.js';
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
  /** The url was written by the user (or is the host's default), not by a fetched context. */
  readonly trusted: boolean;
}

export type { Credentials };

export function defaultRegistryUrl(host: string): string {
  return defaultAccess(host).url;
}

export function resolveRegistries(
  declared: Readonly<Record<string, Located<RegistryAccessInput> & { readonly trusted: boolean }>>,
  env: NodeJS.ProcessEnv,
): Record<string, RegistryEndpoint> {
  const out: Record<string, RegistryEndpoint> = {};
  for (const [host, { value, where, trusted }] of Object.entries(declared)) {
    const url = value.url === undefined ? defaultRegistryUrl(host) : checkRegistryUrl(expandVariables(value.url, env, where), where);
    out[host] = {
      host,
      url,
      where,
      trusted,
      ...(value.username !== undefined && { username: value.username }),
      ...(value.password !== undefined && { password: value.password }),
    };
  }
  return out;
}

export function endpointFor(registries: Readonly<Record<string, RegistryEndpoint>>, host: string): RegistryEndpoint {
  return registries[host] ?? { host, url: defaultRegistryUrl(host), trusted: true };
}

/** Whether the host's credentials may be sent to the endpoint's url: the user chose it, or it is the host's own origin. */
export function mayCarryCredentials(endpoint: RegistryEndpoint): boolean {
  return endpoint.trusted || new URL(endpoint.url).origin === new URL(defaultRegistryUrl(endpoint.host)).origin;
}

/** What reaching `endpoint` sends: its own credentials, else `lookup`'s for the host (the Docker config); none where it may carry none. */
export async function endpointCredentials(endpoint: RegistryEndpoint, env: NodeJS.ProcessEnv, lookup: CredentialLookup): Promise<Credentials | undefined> {
  if (!mayCarryCredentials(endpoint)) return undefined;
  return registryCredentials(endpoint, env) ?? (await lookup(endpoint.host));
}

/** The access the preload copier takes for `endpoint`; `anonymous` where it may carry no credentials. */
export function upstreamAccess(endpoint: RegistryEndpoint, env: NodeJS.ProcessEnv): RegistryAccess {
  if (!mayCarryCredentials(endpoint)) return { url: endpoint.url, anonymous: true };
  return { url: endpoint.url, ...registryCredentials(endpoint, env) };
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
