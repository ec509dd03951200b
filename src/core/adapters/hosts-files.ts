// Writes the hosts dir that Kind nodes mount at /etc/containerd/certs.d. Each hosts.toml is
// replaced atomically (a node reading it mid-run sees the old file or the new one), and
// host directories from an earlier run that this plan no longer names are removed.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic.js';

export async function writeHostsDir(hostsDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [host, content] of files) {
    const path = join(hostsDir, host, 'hosts.toml');
    await writeFileAtomic(path, content);
    written.push(path);
  }
  for (const entry of await readdir(hostsDir).catch(() => [] as string[])) {
    // Temporary files of a run killed between write and rename are never read; drop them.
    for (const file of await readdir(join(hostsDir, entry)).catch(() => [] as string[])) {
      if (file.endsWith('.tmp')) await rm(join(hostsDir, entry, file), { force: true });
    }
    if (files.has(entry)) continue;
    const isOurs = await stat(join(hostsDir, entry, 'hosts.toml')).then(() => true, () => false);
    if (isOurs) await rm(join(hostsDir, entry), { recursive: true, force: true });
  }
  return written;
}
