// Secrets travel in a URL's userinfo, query and fragment: no message may show them.

import { describe, expect, it } from 'vitest';
import { registryRoot } from '../../../src/core/config/compose.js';
import { checkRegistryUrl } from '../../../src/core/config/registries.js';
import { createSourceReader } from '../../../src/core/config/sources.js';
import { displayUrl, maskUrls } from '../../../src/core/format.js';
import { RegistryClient } from '../../../src/core/registry/client.js';

describe('displayUrl', () => {
  it.each([
    ['https://user:pa55@registry.example:5000/v2/x?token=t0k#frag', 'https://registry.example:5000/v2/x'],
    ['https://registry.example', 'https://registry.example/'],
    [new URL('http://127.0.0.1:5001/sew.yaml?sig=abc'), 'http://127.0.0.1:5001/sew.yaml'],
    ['file:///home/me/ctx%20dir/sew.yaml', '/home/me/ctx dir/sew.yaml'],
    ['https://user:pa55@[not-a-host/x?token=t0k', 'https://[not-a-host/x'],
    ['user:pa55@registry.example/x#frag', 'registry.example/x'],
    ['registry.example/path', 'registry.example/path'],
  ])('%s -> %s', (input, expected) => {
    expect(displayUrl(input)).toBe(expected);
  });
});

describe('maskUrls', () => {
  it.each([
    ['cannot construct http://u:pa55@h:1/a?t=1 (bad)', 'cannot construct http://h:1/a (bad)'],
    ['two: https://a.example/x#f and "https://b.example/?q"', 'two: https://a.example/x and "https://b.example/"'],
    ['no url here', 'no url here'],
  ])('%s', (input, expected) => {
    expect(maskUrls(input)).toBe(expected);
  });
});

describe('messages naming a URL', () => {
  const failure = async (action: () => unknown): Promise<string> => {
    try {
      await action();
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected a failure');
  };
  it.each<[string, () => unknown]>([
    ['an invalid registry url', () => checkRegistryUrl('https://user:S3CRET@[bad/?token=S3CRET#S3CRET', 'images.registries.x.url')],
    ['a registry url of another scheme', () => checkRegistryUrl('ftp://user:S3CRET@host/p?token=S3CRET#S3CRET', 'images.registries.x.url')],
    ['a registry url with a query', () => checkRegistryUrl('https://host/p?token=S3CRET#S3CRET', 'images.registries.x.url')],
    ['an invalid context registry', () => registryRoot('https://user:S3CRET@[bad/?token=S3CRET', new URL('file:///p/'), 'sew.yaml:1:7')],
    ['a context registry of another scheme', () => registryRoot('ftp://user:S3CRET@host/?token=S3CRET#S3CRET', new URL('file:///p/'), 'sew.yaml:1:7')],
    ['an unreachable context registry', () => createSourceReader().read(new URL('http://user:S3CRET@127.0.0.1:1/sew.yaml?token=S3CRET#S3CRET'))],
    ['an invalid upstream url', () => new RegistryClient({ url: 'https://[bad/v2?token=S3CRET#S3CRET' }, { stallMs: 1000 })],
  ])('%s', async (_name, action) => {
    const message = await failure(action);
    expect(message).not.toMatch(/S3CRET|user:|token=/);
  });
});
