// An "upstream" registry: a registry:2 container with a network alias on the kind network
// and the same port published on 127.0.0.1, so `http://upstream.test:PORT` works from the
// host (/etc/hosts) and from nodes (the alias) alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, removeContainers, waitFor } from './docker.js';

export interface Upstream {
  readonly name: string;
  readonly host: string;
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

export async function startUpstream(options: { alias: string; port: number }): Promise<Upstream> {
  const name = `sewtest-upstream-${options.alias.replace(/\./g, '-')}-${options.port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const url = `http://${options.alias}:${options.port}`;
  await removeContainers(name);
  await docker(
    'run', '-d', '--name', name, '--network', 'kind', '--network-alias', options.alias,
    '-p', `127.0.0.1:${options.port}:${options.port}`, '-e', `REGISTRY_HTTP_ADDR=:${options.port}`,
    '-e', 'REGISTRY_STORAGE_DELETE_ENABLED=true', '-v', `${dataDir}:/var/lib/registry`, 'registry:2',
  );
  const ready = () => waitFor(async () => (await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) })).ok, `${name} to serve /v2/`);
  await ready();
  return {
    name,
    host: `${options.alias}:${options.port}`,
    url,
    dataDir,
    stop: async () => void (await docker('stop', '-t', '1', name)),
    start: async () => {
      await docker('start', name);
      await ready();
    },
    remove: async () => {
      await removeContainers(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
