import { join } from 'node:path';
import { type Plan, type PlanOptions } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { writeTree } from '../../support/tree.js';

export interface Case {
  /** Files under the temporary root; the project is `project/`, $SEW_HOME is `home/`. */
  files: Record<string, string>;
  options?: Partial<PlanOptions>;
  /** $SEW_HOME is `.sew/` under HOME: the default home, with sew's own names and ports. */
  defaultHome?: boolean;
}

export async function planFor({ files, options, defaultHome }: Case): Promise<Plan> {
  const root = writeTree(files);
  return resolvePlan({
    cwd: join(root, 'project'),
    env: { HOME: root },
    sewHome: join(root, defaultHome ? '.sew' : 'home'),
    platform: 'linux/amd64',
    ...options,
  });
}

export const yaml = (strings: TemplateStringsArray, ...values: unknown[]) => {
  const text = String.raw({ raw: strings }, ...values);
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
};
