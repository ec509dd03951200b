// The `up` use case tells its caller what the plan decided before the first effect, and, when
// a step fails, which phase failed, so the action's outputs and summary exist for a failed run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceReader } from '../../../src/core/default-reader.js';
import type { PlanOptions } from '../../../src/core/plan.js';
import { runUp, type RunFailure } from '../../../src/core/run-up.js';
import { disposables } from '../../support/disposables.js';
import { fakePorts, type FakeWorld } from './fake-ports.js';

const scratch = disposables();
const PRELOAD = 'images:\n  preload:\n    refs: [mongo:7]\n';

function options(): PlanOptions {
  const root = scratch.tree({ 'project/sew.yaml': PRELOAD });
  return { cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, '.sew'), platform: 'linux/amd64', cluster: false };
}

async function attempt(world: FakeWorld) {
  const { ports, recorded } = fakePorts(world);
  const told: string[] = [];
  let failure: RunFailure | undefined;
  const run = runUp(
    {
      plan: options(),
      planned: (plan) => told.push(`planned ${plan.cacheKey.slice(0, 7)} after ${recorded.steps.length} step(s)`),
      failed: (f) => (failure = f),
    },
    { ...ports, reader: sourceReader },
  );
  return { run, told, failure: () => failure, recorded };
}

describe('runUp reports what it knows', () => {
  it.each([
    { name: 'no container engine', world: { engineDown: 'cannot reach the Docker daemon' }, phase: 'Connect to Docker', error: 'cannot reach the Docker daemon' },
    { name: 'the preload registry fails to start', world: { preloadRegistryFails: 'port taken' }, phase: 'Preload registry', error: 'port taken' },
  ])('$name: the plan before any step, then the failed phase', async ({ world, phase, error }) => {
    const { run, told, failure } = await attempt(world);
    await expect(run).rejects.toThrow(error);
    expect(told).toEqual(['planned sew-v1- after 0 step(s)']);
    expect(failure()).toMatchObject({ phase, error: expect.objectContaining({ message: error }) });
    expect(failure()!.timings.filter((t) => t.failed).map((t) => t.name)).toEqual([phase]);
  });

  it('a run that succeeds is told the plan and no failure', async () => {
    const { run, told, failure } = await attempt({});
    await expect(run).resolves.toMatchObject({ incomplete: [] });
    expect(told).toHaveLength(1);
    expect(failure()).toBeUndefined();
  });
});
