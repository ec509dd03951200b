import { sourceReader } from '../../core/default-reader.js';
import { verify } from '../../core/verify.js';
import type { CommandContext } from '../command.js';
import { table } from '../reporter.js';

export async function verifyCommand({ parsed, io, planOptions }: CommandContext): Promise<number> {
  const { plan, checks } = await verify(planOptions, sourceReader(planOptions));
  if (parsed.values.json) io.out(`${JSON.stringify(checks, null, 2)}\n`);
  else {
    io.out(table([['IMAGE', 'STATUS', 'DETAIL'], ...checks.map((c) => [c.ref, c.ok ? 'ok' : 'FAILED', c.problem ?? c.digest ?? ''])]));
    const bad = checks.filter((c) => !c.ok).length;
    io.out(`${checks.length - bad} of ${checks.length} image(s) complete in ${plan.preload.data}\n`);
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}
