// `verify` as a use case: the plan's preloaded images checked offline in its preload data.
import type { SourceReader } from './config/sources.js';
import { resolvePlan, type Plan, type PlanOptions } from './plan.js';
import { verifyPlanPreload, type ImageCheck } from './verify/offline.js';

export async function verify(options: PlanOptions, reader: SourceReader): Promise<{ plan: Plan; checks: ImageCheck[] }> {
  const plan = await resolvePlan(options, reader);
  return { plan, checks: await verifyPlanPreload(plan) };
}
