import { resolvePlan } from '../../core/plan.js';
import { verifyPlanPreload } from '../../core/verify/offline.js';
import { planOptionsOf } from '../../core/options/run-options.js';
import type { Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { table } from '../reporter.js';

export async function verifyCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const plan = await resolvePlan(planOptionsOf(parsed.values, io.cwd, io.env, parsed.contextFlags));
  const checks = await verifyPlanPreload(plan);
  if (parsed.values.json) io.out(`${JSON.stringify(checks, null, 2)}\n`);
  else {
    io.out(table([['IMAGE', 'STATUS', 'DETAIL'], ...checks.map((c) => [c.ref, c.ok ? 'ok' : 'FAILED', c.problem ?? c.digest ?? ''])]));
    const bad = checks.filter((c) => !c.ok).length;
    io.out(`${checks.length - bad} of ${checks.length} image(s) complete in ${plan.preload.data}\n`);
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}
