// What every ContainerEngine must do the same way: run against the Docker adapter (integration)
// and against the in-memory engine (unit), so the unit tests' engine is held to the real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, type ContainerEngine, type ContainerSpec } from '../../src/core/ports/container-engine.js';

const PREFIX = 'sewtest-contract';
const LABEL = 'sewtest.contract';
const PORT = 5968;

export function engineContract(title: string, make: () => ContainerEngine, cleanup: (names: string[]) => Promise<void> = async () => undefined): void {
  describe(`${title}: the ContainerEngine contract`, () => {
    let engine: ContainerEngine;
    let data: string;
    const names = ['a', 'b', 'c'].map((n) => `${PREFIX}-${n}`);
    const spec = (name: string, hostPort = 0): ContainerSpec => ({
      name,
      image: 'registry:2',
      env: { REGISTRY_LOG_LEVEL: 'warn' },
      labels: { [LABEL]: 'yes', 'sewtest.name': name },
      network: 'kind',
      mounts: [{ source: data, target: '/var/lib/registry' }],
      ports: [{ containerPort: 5000, hostIp: '127.0.0.1', hostPort }],
      restartUnlessStopped: true,
    });

    beforeAll(async () => {
      engine = make();
      data = mkdtempSync(join(tmpdir(), `${PREFIX}-`));
      await cleanup(names);
      await engine.ensureNetwork('kind', {});
      // A second time is no error: the network exists.
      await engine.ensureNetwork('kind', {});
    });
    afterAll(async () => {
      await cleanup(names);
      rmSync(data, { recursive: true, force: true });
    });

    it('inspect: undefined for a container that does not exist', async () => {
      expect(await engine.inspect(`${PREFIX}-none`)).toBeUndefined();
    });

    it('run: started with its labels, mount and a published port; inspect says the same', async () => {
      const started = await engine.run(spec(names[0]!, PORT));
      expect(started).toMatchObject({ name: names[0], running: true, restarting: false, restartCount: 0, status: 'running' });
      expect(started.labels).toMatchObject({ [LABEL]: 'yes' });
      expect(started.ports).toEqual([{ containerPort: 5000, hostIp: '127.0.0.1', hostPort: PORT }]);
      expect(started.mounts).toEqual([{ source: data, target: '/var/lib/registry' }]);
      expect(await engine.inspect(names[0]!)).toEqual(started);
    });

    it.each([
      { name: 'a name in use', spec: () => spec(names[0]!), failure: 'conflict', message: `cannot create container ${names[0]}` },
      { name: 'a fixed port in use', spec: () => spec(names[1]!, PORT), failure: 'port-taken', message: `cannot start container ${names[1]}` },
    ])('run with $name: EngineError $failure, and no new container', async ({ spec: make, failure, message }) => {
      const wanted = make();
      const error = await engine.run(wanted).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ failure });
      expect((error as Error).message).toContain(message);
      if (failure === 'port-taken') expect(await engine.inspect(wanted.name)).toBeUndefined();
    });

    it('run without a fixed port: the engine picks one', async () => {
      const started = await engine.run(spec(names[1]!));
      expect(started.ports).toHaveLength(1);
      expect(started.ports[0]!.hostPort).toBeGreaterThan(0);
      expect(started.ports[0]!.hostPort).not.toBe(PORT);
    });

    it('list: by labels, running only unless all; stop leaves it listed as not running', async () => {
      const listed = async (labels: Record<string, string>, all = false) => (await engine.list(labels, { all })).map((c) => c.name).sort();
      expect(await listed({ [LABEL]: 'yes' })).toEqual([names[0], names[1]]);
      expect(await listed({ [LABEL]: 'yes', 'sewtest.name': names[1]! })).toEqual([names[1]]);
      await engine.stop(names[1]!);
      expect(await listed({ [LABEL]: 'yes' })).toEqual([names[0]]);
      expect(await listed({ [LABEL]: 'yes' }, true)).toEqual([names[0], names[1]]);
      expect((await engine.inspect(names[1]!))?.running).toBe(false);
    });

    it('remove: true once, then false', async () => {
      expect(await engine.remove(names[1]!)).toBe(true);
      expect(await engine.remove(names[1]!)).toBe(false);
      expect(await engine.inspect(names[1]!)).toBeUndefined();
    });

    it.each([
      { ref: 'registry:2', present: true },
      { ref: 'sewtest/no-such-image:0', present: false },
    ])('images: $ref present $present', async ({ ref, present }) => {
      expect(await engine.hasImage(ref)).toBe(present);
      const id = await engine.imageId(ref);
      if (present) expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      else expect(id).toBeUndefined();
    });
  });
}
