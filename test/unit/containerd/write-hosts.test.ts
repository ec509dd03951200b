import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHostsDir } from '../../../src/core/adapters/hosts-files.js';
import { writeTree } from '../../support/tree.js';

describe('writeHostsDir', () => {
  it('writes each host, drops hosts no longer planned and temp files of a killed run', async () => {
    const dir = writeTree({
      'old.example.com/hosts.toml': 'server = "https://old.example.com"\n',
      'ghcr.io/.hosts.toml.4242.abcd.tmp': 'server = "half',
      'not-ours/README': 'kept: no hosts.toml here',
    });
    const written = await writeHostsDir(dir, new Map([['ghcr.io', 'server = "https://ghcr.io"\n']]));
    expect(written).toEqual([join(dir, 'ghcr.io', 'hosts.toml')]);
    expect(readFileSync(join(dir, 'ghcr.io', 'hosts.toml'), 'utf8')).toBe('server = "https://ghcr.io"\n');
    expect(readdirSync(join(dir, 'ghcr.io'))).toEqual(['hosts.toml']);
    expect(existsSync(join(dir, 'old.example.com'))).toBe(false);
    expect(existsSync(join(dir, 'not-ours', 'README'))).toBe(true);
  });
});
