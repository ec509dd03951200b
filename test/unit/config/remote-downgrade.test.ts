// A context fetched over https that redirects to plain http is refused: what came back could
// have been rewritten on the wire. Redirects that keep https are followed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { createSourceReader } from '../../../src/core/config/sources.js';
import { serve, trustSelfSigned, type Served, type Tls } from '../../support/loopback-server.js';

describe('context fetch redirects', () => {
  let tls: Tls;
  let restore: () => void;
  let plain: Served;
  let secure: Served;
  let front: Served;

  beforeAll(async () => {
    ({ tls, restore } = trustSelfSigned());
    const context = (_req: unknown, res: import('node:http').ServerResponse): void => void res.writeHead(200).end('kind: {}\n');
    [plain, secure] = await Promise.all([serve(context), serve(context, tls)]);
    front = await serve((req, res) => {
      const to = req.url?.startsWith('/down/') ? plain.url : secure.url;
      res.writeHead(302, { location: `${to}/ctx/sew.yaml` }).end();
    }, tls);
  });
  afterAll(async () => {
    await Promise.all([plain, secure, front].map((s) => s?.close()));
    restore();
  });

  it('follows an https redirect to https', async () => {
    expect(await createSourceReader().read(new URL(`${front.url}/up/sew.yaml`))).toBe('kind: {}\n');
  });

  it('refuses an https redirect to http, naming the file', async () => {
    const reading = createSourceReader().read(new URL(`${front.url}/down/sew.yaml?token=S3CRET`));
    await expect(reading).rejects.toThrow(new InputError(`${front.url}/down/sew.yaml`, `redirect from https to plain http (${new URL(plain.url).host}) refused`));
  });
});
