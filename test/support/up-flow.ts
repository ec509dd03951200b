// The CLI's `up` sequence without its printing: resolve the plan, lock the home, run `up`.
import { withHomeLock } from '../../src/core/lock.js';
import { type PlanOptions } from '../../src/core/plan.js';
import { resolvePlan } from './resolve-plan.js';
import { up, type UpPorts, type UpResult } from '../../src/core/up.js';

export async function upFlow(options: PlanOptions, ports: UpPorts): Promise<UpResult> {
  const plan = await resolvePlan(options);
  return withHomeLock(plan.sewHome, ports.reporter, () => up(plan, ports));
}
