// A file of a file:// context registry that is a FIFO (or a device) would block `plan`
// forever, beyond the resolution budget's reach: it is refused before it is opened.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { planFor } from './plan-helpers.js';
import { writeTree } from '../../support/tree.js';

describe('special files in a local context registry', () => {
  it.each([
    ['a context sew.yaml', 'reg/app/sew.yaml', {}],
    ['a .default', 'reg/app/.default', {}],
    ['a flag file', 'reg/base/sew--fast.yaml', { flags: ['fast'] }],
  ])('%s that is a named pipe is refused, naming it', async (_, fifo, options) => {
    const root = writeTree({
      'project/sew.yaml': 'registry: reg\nfrom: [app]\n',
      'project/reg/base/sew.yaml': 'kind: {}\n',
      'project/reg/base/sew.flags.yaml': 'flags: [{name: fast}]\n',
      'project/reg/app/.keep': '',
      ...(fifo !== 'reg/app/sew.yaml' && fifo !== 'reg/app/.default' ? { 'project/reg/app/sew.yaml': 'from: [base]\n' } : {}),
    });
    execFileSync('mkfifo', [join(root, 'project', fifo)]);
    const failure = await Promise.race([
      planFor({ files: {}, options: { cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, 'home'), ...options } }).catch((e: unknown) => e),
      new Promise((resolve) => setTimeout(() => resolve('blocked'), 3000)),
    ]);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toBe(`context registry: ${join(root, 'project', fifo)} is a named pipe, not a regular file`);
  });
});
