// The action's main step. GitHub glue only: inputs, groups, outputs; the work is the core's.
import * as core from '@actions/core';
import { describeError } from '../core/errors.js';
import { resolvePlan } from '../core/plan.js';
import { planOptionsFromInputs, readInputs } from './inputs.js';

export async function main(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const plan = await core.group('Resolve sew.yaml', async () => {
      const resolved = await resolvePlan(planOptionsFromInputs(inputs, cwd, env));
      for (const warning of resolved.warnings) core.warning(warning);
      core.info(`cluster ${resolved.cluster.name}; ${resolved.preload.refs.length} image(s) to preload; mirrors: ${resolved.mirrors?.upstreams.join(', ') ?? 'off'}`);
      return resolved;
    });
    core.setOutput('cluster-name', plan.cluster.name);
    core.setOutput('cache-key', plan.cacheKey);
  } catch (err) {
    core.setFailed(describeError(err));
  }
}
