// The GitLab template: parses (with GitLab's `!reference` tag), its hidden job composes the
// setup and teardown scripts, caches what the action caches keyed on the committed key file,
// and its image and setup provide docker, kind and kubectl (`sew-ci tools`, tested with the
// core's tools use case).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, type YAMLSeq } from 'yaml';

interface Reference {
  readonly reference: string[];
}
const referenceTag = { tag: '!reference', collection: 'seq' as const, resolve: (seq: YAMLSeq): Reference => ({ reference: seq.toJSON() as string[] }) };
type Job = { script?: (string | Reference)[]; before_script?: (string | Reference)[]; after_script?: (string | Reference)[] } & Record<string, unknown>;
const template = parse(readFileSync('gitlab/sew-ci.gitlab-ci.yml', 'utf8'), { customTags: [referenceTag] }) as Record<string, Job>;
const job = template['.sew-ci']!;
const variables = job.variables as Record<string, string>;

/** A script with its `!reference`s replaced by what they name, as GitLab does. */
function expand(items: readonly (string | Reference)[]): string[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    const [name, key] = item.reference;
    const target = template[name!]?.[key!];
    expect(target, `!reference [${item.reference.join(', ')}]`).toBeDefined();
    return expand(target as (string | Reference)[]);
  });
}
const setup = expand(job.before_script!);
const teardown = expand(job.after_script!);

describe('the GitLab template', () => {
  it('defines the hidden job to extend and the scripts it composes from', () => {
    expect(Object.keys(template).sort()).toEqual(['.sew-ci', '.sew-ci-setup', '.sew-ci-teardown']);
    expect(job.before_script).toEqual([{ reference: ['.sew-ci-setup', 'script'] }]);
    expect(job.after_script).toEqual([{ reference: ['.sew-ci-teardown', 'script'] }]);
  });

  it('documents composing a job’s own before_script with the setup', () => {
    expect(readFileSync('gitlab/sew-ci.gitlab-ci.yml', 'utf8')).toContain('#       - !reference [.sew-ci-setup, script]');
  });

  it('keys the cache on the committed key file and caches the registry data; the node image and the tools in entries of their own, by version', () => {
    const paths = ['.sew/preload', '.sew/mirrors/data'];
    expect(job.cache).toEqual([
      // A changed key file falls back to the branch's newest, else the default branch's.
      { key: { files: ['.sew-cache-key'], prefix: 'sew-ci' }, fallback_keys: ['sew-ci-newest-$CI_COMMIT_REF_SLUG', 'sew-ci-newest-$CI_DEFAULT_BRANCH'], paths },
      { key: 'sew-ci-newest-$CI_COMMIT_REF_SLUG', policy: 'push', paths },
      { key: 'sew-ci-node-$KIND_VERSION', paths: ['.sew/node-image'] },
      { key: 'sew-ci-tools-$KIND_VERSION-$KUBECTL_VERSION', paths: ['.sew/tools'] },
    ]);
    expect(variables.KIND_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(variables.SEW_HOME).toBe('$CI_PROJECT_DIR/.sew');
  });

  it('runs Docker in dind and publishes registries where the job reaches them', () => {
    expect(job.services).toEqual([expect.objectContaining({ name: expect.stringMatching(/^docker:[\d.]+-dind$/), alias: 'docker' })]);
    expect(variables).toMatchObject({ DOCKER_HOST: 'tcp://docker:2375', SEW_PUBLISH_ADDRESS: '0.0.0.0', SEW_REGISTRY_HOST: 'docker' });
  });

  it('runs on an image with the docker CLI, the setup adding Node.js, kind and kubectl', () => {
    expect(job.image).toMatch(/^docker:[\d.]+-cli$/);
    const script = setup.join('\n');
    expect(script).toContain('command -v node >/dev/null || apk add --no-cache nodejs npm');
    const tools = 'npx --yes sew-ci@$SEW_CI_VERSION tools --kind-version $KIND_VERSION --kubectl-version $KUBECTL_VERSION --bin $SEW_CI_BIN';
    expect(script).toContain(tools);
    // Before the plan: the cache key and `up` read kind's default node image from that kind.
    expect(setup.indexOf(tools)).toBeLessThan(setup.findIndex((l) => l.includes('cache-key $SEW_CI_FLAGS')));
    expect(variables.KIND_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(variables.KUBECTL_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('checks the key file, brings the cluster up, and down then prunes before GitLab saves', () => {
    expect(setup).toContain('npx --yes sew-ci@$SEW_CI_VERSION cache-key $SEW_CI_FLAGS --check .sew-cache-key');
    expect(setup).toContain('npx --yes sew-ci@$SEW_CI_VERSION up $SEW_CI_FLAGS');
    // Template variables reach every call that resolves the plan, in both shells.
    const sets = 'for s in $SEW_CI_SET; do SEW_CI_FLAGS="$SEW_CI_FLAGS --set $s"; done';
    const allowed = 'for e in $SEW_CI_ALLOW_ENV; do SEW_CI_FLAGS="$SEW_CI_FLAGS --allow-env $e"; done';
    for (const line of [sets, allowed]) expect(setup.indexOf(line)).toBeLessThan(setup.findIndex((l) => l.includes('cache-key $SEW_CI_FLAGS')));
    expect(teardown).toEqual(['npx --yes sew-ci@$SEW_CI_VERSION down || echo "sew-ci: down failed; pruning the cache anyway" >&2', sets, allowed, 'npx --yes sew-ci@$SEW_CI_VERSION cache-prune $SEW_CI_FLAGS']);
  });

  it('a failed down still leaves the prune to run: after_script stops at the first failing line', () => {
    const down = teardown.find((l) => l.includes(' down'))!;
    const run = spawnSync('sh', ['-ec', `${down.replace('npx --yes sew-ci@$SEW_CI_VERSION down', 'false')}\necho pruned`], { encoding: 'utf8' });
    expect(run.stdout).toBe('pruned\n');
    expect(run.stderr).toBe('sew-ci: down failed; pruning the cache anyway\n');
  });

  it('says how to write the key file with the job’s options, and that dind needs a privileged runner', () => {
    const text = readFileSync('gitlab/sew-ci.gitlab-ci.yml', 'utf8');
    expect(text).toContain('cache-key --platform linux/amd64 --write .sew-cache-key $SEW_CI_FLAGS --set KEY=VALUE');
    expect(text).toContain('privileged = true');
  });

  it('calls only sew-ci commands and options the CLI has', async () => {
    const { COMMANDS, cliOptions } = await import('../../../src/core/options/options.js');
    for (const line of [...setup, ...teardown].filter((l) => l.includes('sew-ci@'))) {
      const [, command, rest] = /sew-ci@\$SEW_CI_VERSION ([\w-]+)(.*)$/.exec(line)!;
      expect(COMMANDS, line).toContain(command);
      for (const option of rest!.match(/--[\w-]+/g) ?? []) expect(cliOptions(command as (typeof COMMANDS)[number]), line).toContain(option.slice(2));
    }
  });
});
