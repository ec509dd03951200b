import { RuntimeError } from '../errors.js';

/**
 * - unreachable: connection refused, DNS, timeouts, HTTP 5xx — the copier may fall back to
 *   what the destination already holds.
 * - not-found: the registry answered that the image or blob does not exist.
 * - denied: authentication or authorisation failed.
 * - invalid: the registry answered something we cannot accept (bad digest, oversize, protocol).
 */
export type RegistryErrorKind = 'unreachable' | 'not-found' | 'denied' | 'invalid';

/** Messages name the registry host and repository, never credentials or URLs with query strings. */
export class RegistryError extends RuntimeError {
  constructor(
    readonly kind: RegistryErrorKind,
    readonly host: string,
    readonly repository: string | undefined,
    /** The message without the `host/repository: ` prefix. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${repository === undefined ? host : `${host}/${repository}`}: ${detail}`, options);
  }
}

export function isUnreachable(err: unknown): boolean {
  return err instanceof RegistryError && err.kind === 'unreachable';
}
