// resolvePlan with the composition root's source reader, as the CLI and the action build it.
import { sourceReader } from '../../src/core/default-reader.js';
import { resolvePlan as resolveWith, type Plan, type PlanOptions } from '../../src/core/plan.js';

export function resolvePlan(options: PlanOptions): Promise<Plan> {
  return resolveWith(options, sourceReader(options));
}
