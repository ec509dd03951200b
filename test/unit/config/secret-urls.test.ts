// Secrets travel in a URL's userinfo, query and fragment: no message may show them.

import { describe, expect, it } from 'vitest';
import { registryRoot } from '../../../src/core/config/compose.js';
import { checkRegistryUrl } from '../../../src/core/config/registries.js';
import { createSourceReader } from '../../../src/core/config/sources.js';
import { RegistryClient } from '../../../src/core/oci/client.js';

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
