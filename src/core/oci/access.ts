import { DOCKER_HUB } from '../images/reference.js';

/** How to reach one registry. `url` is already env-expanded by the caller. */
export interface RegistryAccess {
  /** `https://ghcr.io`, `http://upstream.test:5900`, `http://127.0.0.1:5001`. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Nothing is looked up for it either: a url that no credentials may follow (config/registries.ts). */
  readonly anonymous?: boolean;
}

/** Maps an image's registry host (`docker.io`, `ghcr.io`) to where and how to reach it. */
export type RegistryResolver = (host: string) => RegistryAccess;

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Credentials for a registry host (`ghcr.io`, `127.0.0.1:5001`), undefined when none are known. */
export type CredentialLookup = (host: string) => Promise<Credentials | undefined>;

/** Docker Hub's API lives on another host than its image names. */
const DOCKER_HUB_API = 'https://registry-1.docker.io';

/** The access Docker itself would use for a host: HTTPS, Docker Hub on its API host. */
export function defaultAccess(host: string): RegistryAccess {
  return { url: host === DOCKER_HUB ? DOCKER_HUB_API : `https://${host}` };
}
