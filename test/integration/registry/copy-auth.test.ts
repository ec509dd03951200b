import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import type { ImageEvent } from '../../../src/core/ports/preloader.js';
import { dockerConfigCredentials } from '../../../src/core/credentials/docker-config.js';
import { hasBlob, image, manifestDigest, pushManifest, textLayer, type PushTarget } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { startTokenServer, type TokenServer } from '../../support/token-server.js';

const refs = (...texts: string[]) => texts.map((text) => ({ source: parseReference(text) }));
const shared = textLayer('auth-base', 80);
const api = image([shared, textLayer('auth-api')], undefined, 'api');
const web = image([shared, textLayer('auth-web')], undefined, 'web');
const basic = (user: string, password: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('copyImages with htpasswd (Basic) registries', () => {
  const puller = { username: 'puller', password: 'pull-s3cret' };
  const pusher = { username: 'pusher', password: 'push-s3cret' };
  let upstream: RegistryServer;
  let preload: RegistryServer;
  let configDir: string;

  beforeAll(async () => {
    [upstream, preload] = await Promise.all([RegistryServer.start({ htpasswd: puller }), RegistryServer.start({ htpasswd: pusher })]);
    await pushManifest({ url: upstream.url, headers: basic(puller.username, puller.password) }, 'team/api', '1', api);
    configDir = mkdtempSync(join(tmpdir(), 'sew-docker-config-'));
    const auth = Buffer.from(`${puller.username}:${puller.password}`).toString('base64');
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { [`http://${upstream.host}`]: { auth } } }));
  });
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose()]);
    rmSync(configDir, { recursive: true, force: true });
  });

  it('uses the Docker config for an upstream whose access names no credentials; the preload registry serves what was written', async () => {
    const report = await copyImages(refs(`${upstream.host}/team/api:1`), {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url }),
      platforms: ['linux/amd64'],
      credentials: dockerConfigCredentials({}, { configDir }),
    });
    expect(report.results[0]).toMatchObject({ source: 'copied', digest: api.digest });
    const target: PushTarget = { url: preload.url, headers: basic(pusher.username, pusher.password) };
    expect(await manifestDigest(target, `${hostNamespace(upstream.host)}/team/api`, '1')).toBe(api.digest);
  });

  it('reports refused credentials without revealing them', async () => {
    const wrong = 'wrong-pa55word';
    const report = await copyImages(refs(`${upstream.host}/team/api:1`), {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url, username: puller.username, password: wrong }),
      platforms: ['linux/amd64'],
      credentials: async () => undefined,
    });
    const result = report.results[0]!;
    expect(result.error).toBeDefined();
    expect(result.source).toBeUndefined();
    expect(result.error).toContain('HTTP 401');
    expect(result.error).toContain(`upstream ${upstream.host}`);
    expect(result.error).not.toContain(wrong);
    expect(result.error).not.toContain(Buffer.from(`${puller.username}:${wrong}`).toString('base64'));
  });
});

describe('copyImages with token (Bearer) registries', () => {
  const user = { username: 'robot', password: 'token-s3cret' };
  let tokens: TokenServer;
  let upstream: RegistryServer;
  let preload: RegistryServer;

  beforeAll(async () => {
    tokens = await startTokenServer(user);
    const token = { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certificatePath: tokens.certificatePath };
    [upstream, preload] = await Promise.all([RegistryServer.start({ token }), RegistryServer.start()]);
    const reply = await fetch(`${tokens.realm}?service=${tokens.service}&scope=repository:team/api:pull,push&scope=repository:team/web:pull,push`, {
      headers: basic(user.username, user.password),
    });
    const seed = { url: upstream.url, headers: { authorization: `Bearer ${((await reply.json()) as { token: string }).token}` } };
    await pushManifest(seed, 'team/api', '1', api);
    await pushManifest(seed, 'team/web', '1', web);
  });
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose(), tokens?.close()]);
  });

  it('fetches pull-scoped tokens for the upstream only, and writes a shared blob once into both repositories', async () => {
    tokens.requests.length = 0;
    const events: ImageEvent[] = [];
    const report = await copyImages(refs(`${upstream.host}/team/api:1`, `${upstream.host}/team/web:1`), {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url }),
      platforms: ['linux/amd64'],
      credentials: async () => user,
      onEvent: (event) => events.push(event),
    });
    expect(report.results.map((r) => [r.source, r.digest, r.error])).toEqual([
      ['copied', api.digest, undefined],
      ['copied', web.digest, undefined],
    ]);
    const moved = events.flatMap((e) => (e.type === 'blob-progress' && e.bytes === e.size ? [e.digest] : []));
    expect(moved.filter((digest) => digest === shared.digest)).toHaveLength(1);

    const ns = hostNamespace(upstream.host);
    const scopes = tokens.requests.map((list) => [...list].sort().join(' '));
    expect(scopes).toContain('repository:team/api:pull');
    expect(scopes).toContain('repository:team/web:pull');
    // The preload storage is written on disk: no token is ever asked for it, nor push rights anywhere.
    expect(scopes.every((scope) => !scope.includes(ns) && !scope.includes('push'))).toBe(true);
    for (const repository of [`${ns}/team/api`, `${ns}/team/web`]) expect(await hasBlob(preload, repository, shared.digest)).toBe(true);
  });
});
