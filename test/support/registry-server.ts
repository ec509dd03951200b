// Real distribution registries (Debian's docker-registry 2.8) as child processes on free
// loopback ports with throwaway storage, so copier tests need no Docker engine.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env['SEW_REGISTRY_BINARY'] ?? 'docker-registry';

export interface RegistryServerOptions {
  /** Basic auth through the registry's htpasswd backend (bcrypt, made by `htpasswd -B`). */
  readonly htpasswd?: { readonly username: string; readonly password: string };
  /** Bearer token auth: the registry trusts tokens signed by this certificate's key. */
  readonly token?: { readonly realm: string; readonly service: string; readonly issuer: string; readonly certificatePath: string };
  /** Serve this existing storage directory (left in place on dispose) instead of a fresh one. */
  readonly root?: string;
  /** Serve reads and refuse every write (distribution's read-only maintenance mode). */
  readonly readOnly?: boolean;
}

export class RegistryServer {
  private child: ChildProcess | undefined;
  readonly url: string;
  readonly host: string;
  /** The registry's rootdirectory: what the copier writes and this registry serves. */
  readonly dataDir: string;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly configPath: string,
    dataDir: string,
  ) {
    this.host = `127.0.0.1:${port}`;
    this.url = `http://${this.host}`;
    this.dataDir = dataDir;
  }

  static async start(options: RegistryServerOptions = {}): Promise<RegistryServer> {
    const dir = mkdtempSync(join(tmpdir(), 'sew-registry-'));
    const port = await freePort();
    const configPath = join(dir, 'config.yml');
    const dataDir = options.root ?? join(dir, 'data');
    writeFileSync(configPath, configYaml(dir, dataDir, port, options));
    const server = new RegistryServer(port, dir, configPath, dataDir);
    try {
      await server.start();
    } catch (err) {
      await server.dispose();
      throw err;
    }
    return server;
  }

  async start(): Promise<void> {
    if (this.child !== undefined) return;
    const log = openSync(join(this.dir, 'registry.log'), 'a');
    const child = spawn(BINARY, ['serve', this.configPath], { stdio: ['ignore', log, log] });
    this.child = child;
    live.add(child);
    child.once('exit', () => live.delete(child));
    let spawnError: Error | undefined;
    child.once('error', (err) => (spawnError = err));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (spawnError !== undefined) throw new Error(`cannot run ${BINARY} (${spawnError.message}); install it: apt-get install -y docker-registry`);
      if (child.exitCode !== null) throw new Error(`${BINARY} exited with ${child.exitCode}; see ${this.dir}/registry.log`);
      try {
        const reply = await fetch(`${this.url}/v2/`);
        await reply.body?.cancel();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`${BINARY} did not listen on ${this.host}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function configYaml(dir: string, dataDir: string, port: number, options: RegistryServerOptions): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dataDir}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    ...(options.readOnly ? ['    readonly:', '      enabled: true'] : []),
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '  secret: sew-ci-test-secret',
  ];
  if (options.htpasswd !== undefined) {
    const path = join(dir, 'htpasswd');
    // Test-only secret in argv; htpasswd is the stock way to make the bcrypt entry.
    writeFileSync(path, htpasswdEntry(options.htpasswd.username, options.htpasswd.password));
    lines.push('auth:', '  htpasswd:', '    realm: sew-test', `    path: ${path}`);
  }
  if (options.token !== undefined) {
    const t = options.token;
    lines.push('auth:', '  token:', `    realm: ${t.realm}`, `    service: ${t.service}`, `    issuer: ${t.issuer}`, `    rootcertbundle: ${t.certificatePath}`);
  }
  return `${lines.join('\n')}\n`;
}

function htpasswdEntry(username: string, password: string): Buffer {
  try {
    return execFileSync('htpasswd', ['-Bbn', username, password]);
  } catch (err) {
    throw new Error(`cannot run htpasswd (${(err as Error).message}); install it: apt-get install -y apache2-utils`);
  }
}
