import { join } from 'node:path';
import { resolvePlan, type Plan, type PlanOptions } from '../../../src/core/plan.js';
import { writeTree } from '../../support/tree.js';

export interface Case {
  /** Files under the temporary root; the project is `project/`, $SEW_HOME is `home/`. */
  files: Record<string, string>;
  options?: Partial<PlanOptions>;
}

export async function planFor({ files, options }: Case): Promise<Plan> {
  const root = writeTree(files);
  return resolvePlan({
    cwd: join(root, 'project'),
    env: { HOME: root },
    sewHome: join(root, 'home'),
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
