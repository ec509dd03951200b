// What a user sees when Docker is not there or a port is taken: one line, exit 1.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/core/docker/dockerode-engine.js';
import { ensureRegistry } from '../../../src/core/adapters/containers/registry.js';
import { cli } from '../../support/cli.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeContainers, requireWorld } from '../../world/docker.js';

beforeAll(requireWorld);
afterAll(() => removeContainers('sewtest-port-holder', 'sewtest-port-wanted'));

describe('Docker faults', () => {
  it.each([
    ['a socket that does not exist', 'unix:///tmp/sew-ci-no-such.sock', 'cannot reach the Docker daemon at unix:///tmp/sew-ci-no-such.sock: is it running?'],
  ])('%s: one line, exit 1', async (_, host, message) => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n' });
    const { code, stdout, stderr } = await cli(['up', '--no-cluster'], dir, { DOCKER_HOST: host, SEW_HOME: join(dir, 'home') });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').at(-1)).toBe(`sew-ci: ${message}`);
  });

  it('a port taken by a container is named with that container', async () => {
    await docker('run', '-d', '--name', 'sewtest-port-holder', '-p', '127.0.0.1:5959:5000', 'registry:2');
    const engine = await connectEngine(process.env);
    const spec = { name: 'sewtest-port-wanted', role: 'local' as const, home: 'sewtest', image: 'registry:2', dataDir: tempDir('port-'), network: 'kind', hostPort: 5959 };
    await expect(ensureRegistry(engine, spec)).rejects.toThrow('port 127.0.0.1:5959 for sewtest-port-wanted is already taken by container sewtest-port-holder');
    await expect(docker('inspect', 'sewtest-port-wanted')).rejects.toThrow();
  });

  it('a port taken by another process says so', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(5960, '127.0.0.1', done));
    try {
      const engine = await connectEngine(process.env);
      const spec = { name: 'sewtest-port-wanted', role: 'local' as const, home: 'sewtest', image: 'registry:2', dataDir: tempDir('port-'), network: 'kind', hostPort: 5960 };
      await expect(ensureRegistry(engine, spec)).rejects.toThrow('port 127.0.0.1:5960 for sewtest-port-wanted is already taken by another process');
    } finally {
      server.close();
    }
  });
});
