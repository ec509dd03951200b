// netrc credentials name a host, but a redirect may lead to another port or scheme of it,
// another server: the login goes only to the origin (scheme, host, port) first asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceReader } from '../../../src/core/config/sources.js';
import { serve, type Served } from '../../support/loopback-server.js';

const LOGIN = { username: 'bot', password: 'S3CRET' };
const BASIC = `Basic ${Buffer.from('bot:S3CRET').toString('base64')}`;

describe('netrc credentials across redirects', () => {
  let other: Served;
  let front: Served;

  beforeAll(async () => {
    other = await serve((_req, res) => void res.writeHead(200).end('kind: {}\n'));
    front = await serve((req, res) => {
      if (req.url === '/same/sew.yaml') return void res.writeHead(302, { location: '/ctx/sew.yaml' }).end();
      if (req.url === '/port/sew.yaml') return void res.writeHead(302, { location: `${other.url}/ctx/sew.yaml` }).end();
      res.writeHead(200).end('kind: {}\n');
    });
  });
  afterAll(async () => Promise.all([other, front].map((s) => s?.close())));

  it.each([
    ['the same origin', '/same/sew.yaml', () => front, BASIC],
    ['another port of the same host', '/port/sew.yaml', () => other, undefined],
  ])('a redirect to %s: the login is sent there only when it is the origin first asked', async (_, path, target, expected) => {
    const reader = createSourceReader({ credentials: (host) => (host === '127.0.0.1' ? LOGIN : undefined) });
    expect(await reader.read(new URL(`${front.url}${path}`))).toBe('kind: {}\n');
    expect(front.seen.find((s) => s.path === path)?.headers.authorization).toBe(BASIC);
    expect(target().seen.find((s) => s.path === '/ctx/sew.yaml')?.headers.authorization).toBe(expected);
  });
});
