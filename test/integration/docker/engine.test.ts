// The Docker adapter against the real daemon: the contract the in-memory engine follows too,
// with inspect and ping over the engine's unix socket and the rest through dockerode.
import { describe, expect, it } from 'vitest';
import { connectEngine, dockerEngine } from '../../../src/core/docker/dockerode-engine.js';
import { engineContract } from '../../support/engine-contract.js';
import { docker, removeContainers, requireWorld } from '../../world/docker.js';

engineContract('the Docker adapter', () => dockerEngine(process.env), async (names) => {
  await requireWorld();
  await removeContainers(...names);
});

describe('the Docker adapter', () => {
  it('inspect over the socket reads what `docker inspect` reads', async () => {
    const name = 'sewtest-contract-inspect';
    await removeContainers(name);
    try {
      await docker('run', '-d', '--name', name, '--label', 'sewtest.k=v', '-p', '127.0.0.1::5000', 'registry:2');
      const state = await dockerEngine(process.env).inspect(name);
      const cli = JSON.parse(await docker('inspect', name)) as [{ Id: string; RestartCount: number; NetworkSettings: { Ports: Record<string, [{ HostPort: string }]> } }];
      expect(state).toMatchObject({ id: cli[0].Id, name, running: true, restartCount: cli[0].RestartCount, labels: { 'sewtest.k': 'v' } });
      expect(state?.ports).toEqual([{ containerPort: 5000, hostIp: '127.0.0.1', hostPort: Number(cli[0].NetworkSettings.Ports['5000/tcp']?.[0].HostPort) }]);
    } finally {
      await removeContainers(name);
    }
  });

  it.each([
    { host: 'unix:///tmp/sew-ci-no-such.sock', message: 'cannot reach the Docker daemon at unix:///tmp/sew-ci-no-such.sock: is it running?' },
    { host: 'tcp://127.0.0.1:1', message: 'cannot reach the Docker daemon at tcp://127.0.0.1:1: is it running?' },
  ])('DOCKER_HOST=$host: one line saying so', async ({ host, message }) => {
    // dockerode reads a tcp:// DOCKER_HOST (and the TLS variables) from the process itself.
    const before = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = host;
    try {
      await expect(connectEngine({ DOCKER_HOST: host })).rejects.toThrow(message);
    } finally {
      if (before === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = before;
    }
  });
});
