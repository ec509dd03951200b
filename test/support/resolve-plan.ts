// resolvePlan with the composition root's source reader, as the CLI and the action build it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceReader } from '../../src/core/default-reader.js';
import { resolvePlan as resolveWith, type Plan, type PlanOptions } from '../../src/core/plan.js';
import type { Disposables } from './disposables.js';
import { serveDirectory } from './static-server.js';

export function resolvePlan(options: PlanOptions): Promise<Plan> {
  return resolveWith(options, sourceReader(options));
}

/** The plan of a project composing `ctx`, fetched over http with `context` as its sew.yaml, the project file adding `project`. */
export async function planComposingFetched(scratch: Disposables, context: string, project = '', options: Partial<PlanOptions> = {}): Promise<Plan> {
  const root = scratch.tree({ 'site/ctx/sew.yaml': context, 'project/.keep': '' });
  const server = await serveDirectory(join(root, 'site'));
  scratch.add(() => server.close());
  writeFileSync(join(root, 'project/sew.yaml'), `registry: ${server.origin}/\nfrom: [ctx]\n${project}`);
  return resolvePlan({ cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, 'home'), platform: 'linux/amd64', ...options });
}
