import { parseReference } from '../../core/images/reference.js';
import { verifyPreloaded } from '../../core/verify/offline.js';
import { planOptionsFrom, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { table } from '../reporter.js';

export const verifyHelp = `Usage: sew-ci verify [plan options] [--json]

Checks, without asking any upstream, that every preloaded ref resolves in $SEW_HOME/preload
and every blob it needs is there with the right digest. Exit 0 when all are, 1 otherwise.`;

export async function verifyCommand(parsed: Parsed, io: CliIO): Promise<number> {
  if (parsed.values.help) {
    io.out(`${verifyHelp}\n`);
    return 0;
  }
  const { resolvePlan } = await import('../../core/plan.js');
  const plan = await resolvePlan(planOptionsFrom(parsed, io.cwd, io.env));
  const checks = await verifyPreloaded(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
  if (parsed.values.json) io.out(`${JSON.stringify(checks, null, 2)}\n`);
  else {
    io.out(table([['IMAGE', 'STATUS', 'DETAIL'], ...checks.map((c) => [c.ref, c.ok ? 'ok' : 'FAILED', c.problem ?? c.digest ?? ''])]));
    const bad = checks.filter((c) => !c.ok).length;
    io.out(`${checks.length - bad} of ${checks.length} image(s) complete in ${plan.preload.data}\n`);
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}
