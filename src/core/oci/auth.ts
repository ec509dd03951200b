// Registry authentication as Docker does it: the /v2/ ping's challenge decides the scheme;
// Bearer tokens come from the challenge's realm, per scope set, anonymous when we hold no
// credentials, and are reused until shortly before they expire.

import type { Credentials } from './access.js';
import { parseChallenges, type Challenge } from './challenge.js';
import { readReply, send, TooLargeError, TransportError } from './http.js';
import { realmRefusal } from './origin-policy.js';
import { RegistryError } from './registry-error.js';
import type { Retrier } from './retry.js';

const MAX_TOKEN_RESPONSE = 4 * 1024 * 1024;
/** The distribution spec's default when a token response names no lifetime. */
const DEFAULT_TOKEN_SECONDS = 60;
const EXPIRY_MARGIN_MS = 10_000;

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
}

export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly registry: URL,
    private readonly credentials: () => Promise<Credentials | undefined>,
    private readonly stallMs: number,
    private readonly retrier: Retrier,
  ) {}

  /** Adopts the challenge of a 401; returns false when it offers no scheme we speak. */
  learn(header: string | null): boolean {
    const challenges = parseChallenges(header ?? '');
    const chosen = challenges.find((c) => c.scheme === 'bearer' && c.params['realm']) ?? challenges.find((c) => c.scheme === 'basic');
    if (chosen === undefined) return false;
    this.challenge = chosen;
    this.tokens.clear();
    return true;
  }

  /** The Authorization header for a request needing `scopes`, undefined when none is needed. */
  async authorization(scopes: readonly string[], repository: string | undefined): Promise<string | undefined> {
    const challenge = this.challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') {
      const creds = await this.credentials();
      if (creds === undefined) throw new RegistryError('denied', this.registry.host, repository, 'authentication required and no credentials are configured');
      return `Basic ${basic(creds)}`;
    }
    const key = [...new Set(scopes)].sort().join(' ');
    const now = Date.now();
    let cached = this.tokens.get(key);
    if (cached !== undefined) {
      const token = await cached.catch(() => undefined);
      if (token === undefined || token.expiresAt <= now) cached = undefined;
    }
    if (cached === undefined) {
      cached = this.fetchToken(challenge, key === '' ? [] : key.split(' '), repository);
      this.tokens.set(key, cached);
    }
    return `Bearer ${(await cached).value}`;
  }

  private async fetchToken(challenge: Challenge, scopes: readonly string[], repository: string | undefined): Promise<CachedToken> {
    const fail = (kind: 'denied' | 'unreachable' | 'invalid', detail: string, cause?: unknown): RegistryError =>
      new RegistryError(kind, this.registry.host, repository, `token request failed: ${detail}`, { cause });
    let realm: URL;
    try {
      realm = new URL(challenge.params['realm']!);
    } catch {
      throw fail('invalid', 'the registry announced an invalid token realm');
    }
    const refusal = realmRefusal(realm, this.registry);
    if (refusal !== undefined) throw fail('invalid', refusal);
    const service = challenge.params['service'];
    if (service !== undefined) realm.searchParams.set('service', service);
    for (const scope of scopes) realm.searchParams.append('scope', scope);

    const creds = await this.credentials();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (creds !== undefined) headers['authorization'] = `Basic ${basic(creds)}`;
    let body: Buffer;
    try {
      const reply = await this.retrier.budget(realm.host).send(() => send(realm, { method: 'GET', headers, stallMs: this.stallMs }));
      if (reply.status !== 200) {
        await reply.body?.cancel().catch(() => {});
        const kind = reply.status === 401 || reply.status === 403 ? 'denied' : reply.status >= 500 ? 'unreachable' : 'invalid';
        throw fail(kind, `${realm.host} answered HTTP ${reply.status}${creds === undefined ? ' (no credentials configured)' : ''}`);
      }
      body = await readReply(reply, MAX_TOKEN_RESPONSE, 'token response');
    } catch (err) {
      if (err instanceof TransportError) throw fail('unreachable', `${realm.host}: ${err.message}`, err);
      if (err instanceof TooLargeError) throw fail('invalid', err.message, err);
      throw err;
    }
    let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
    } catch {
      throw fail('invalid', 'the token response is not JSON');
    }
    const value = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : parsed.access_token;
    if (typeof value !== 'string' || value === '') throw fail('invalid', 'the token response holds no token');
    const seconds = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    return { value, expiresAt: Date.now() + Math.max(seconds * 1000 - EXPIRY_MARGIN_MS, 1000) };
  }
}

function basic(creds: Credentials): string {
  return Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64');
}
