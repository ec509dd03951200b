// The GitLab template: parses (with GitLab's `!reference` tag), its hidden job composes the
// setup and teardown scripts, caches what the action caches keyed on the committed key file,
// and its image and setup provide docker, kind and kubectl. The tool install is run here in
// sh, with `curl` and `uname` replaced so no network is needed: it installs the pinned
// release for the runner's architecture and refuses a download whose sha256 does not match.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type YAMLSeq } from 'yaml';
import { writeTree } from '../../support/tree.js';

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

  it('keys the cache on the committed key file and caches the registry data', () => {
    expect(job.cache).toEqual({ key: { files: ['.sew-cache-key'], prefix: 'sew-ci' }, paths: ['.sew/preload', '.sew/mirrors/data'] });
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
    expect(script).toContain('install_verified kind ');
    expect(script).toContain('install_verified kubectl ');
    expect(variables.KIND_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(variables.KUBECTL_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('checks the key file, brings the cluster up, and down then prunes before GitLab saves', () => {
    expect(setup).toContain('npx --yes sew-ci@$SEW_CI_VERSION cache-key $SEW_CI_FLAGS --check .sew-cache-key');
    expect(setup).toContain('npx --yes sew-ci@$SEW_CI_VERSION up $SEW_CI_FLAGS');
    expect(teardown).toEqual(['npx --yes sew-ci@$SEW_CI_VERSION down', 'npx --yes sew-ci@$SEW_CI_VERSION cache-prune $SEW_CI_FLAGS']);
  });

  it('calls only sew-ci commands and options the CLI has', async () => {
    const { COMMAND_OPTIONS } = await import('../../../src/cli/run.js');
    for (const line of [...setup, ...teardown].filter((l) => l.includes('sew-ci@'))) {
      const [, command, rest] = /sew-ci@\$SEW_CI_VERSION ([\w-]+)(.*)$/.exec(line)!;
      expect(Object.keys(COMMAND_OPTIONS), line).toContain(command);
      for (const option of rest!.match(/--[\w-]+/g) ?? []) expect(Object.keys(COMMAND_OPTIONS[command!]!), line).toContain(option.slice(2));
    }
  });
});

describe('the setup’s tool install, run in sh', () => {
  const install = setup.find((item) => item.includes('install_verified'))!;

  /** A fake network: URL -> file; `curl -fsSLo DEST URL` copies it, or fails as curl -f does. */
  function world(arch: string, tamper?: string) {
    const dir = writeTree({});
    const files: Record<string, string> = {};
    for (const a of ['amd64', 'arm64']) {
      files[`github.com/kubernetes-sigs/kind/releases/download/${variables.KIND_VERSION}/kind-linux-${a}`] = `kind ${a}`;
      files[`dl.k8s.io/release/${variables.KUBECTL_VERSION}/bin/linux/${a}/kubectl`] = `kubectl ${a}`;
    }
    for (const [path, content] of Object.entries(files)) {
      const sum = createHash('sha256').update(content).digest('hex');
      const put = (p: string, c: string) => (mkdirSync(dirname(join(dir, 'net', p)), { recursive: true }), writeFileSync(join(dir, 'net', p), c));
      put(path, path === tamper ? `${content} with a backdoor` : content);
      // kind publishes `<sum>  <file>`, Kubernetes the bare sum.
      put(path.includes('/kind-linux-') ? `${path}.sha256sum` : `${path}.sha256`, path.includes('/kind-linux-') ? `${sum}  kind-linux\n` : sum);
    }
    mkdirSync(join(dir, 'fake-bin'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'fake-bin', 'curl'), `#!/bin/bash\nfor a; do dest=$url; url=$a; done\nsrc="${dir}/net/\${url#https://}"\n[ -f "$src" ] || exit 22\ncp "$src" "$dest"\n`);
    writeFileSync(join(dir, 'fake-bin', 'uname'), `#!/bin/sh\necho ${arch}\n`);
    for (const tool of ['curl', 'uname']) chmodSync(join(dir, 'fake-bin', tool), 0o755);
    // POSIX sh, as the image's busybox ash runs it (dash here).
    const run = spawnSync('sh', ['-ec', install], {
      env: { PATH: `${dir}/fake-bin:${process.env.PATH}`, SEW_CI_BIN: join(dir, 'bin'), KIND_VERSION: variables.KIND_VERSION, KUBECTL_VERSION: variables.KUBECTL_VERSION },
      encoding: 'utf8',
    });
    const installed = (tool: string) => (existsSync(join(dir, 'bin', tool)) ? readFileSync(join(dir, 'bin', tool), 'utf8') : undefined);
    return { run, kind: installed('kind'), kubectl: installed('kubectl') };
  }

  it.each([
    ['x86_64', 'amd64'],
    ['aarch64', 'arm64'],
    ['arm64', 'arm64'],
  ])('on %s it installs the %s releases, checksums verified', (machine, arch) => {
    const { run, kind, kubectl } = world(machine);
    expect(run.status, run.stderr).toBe(0);
    expect([kind, kubectl]).toEqual([`kind ${arch}`, `kubectl ${arch}`]);
  });

  it.each(['kind-linux-amd64', 'kubectl'])('a %s download that does not match its sha256 is refused', (what) => {
    const tamper = what === 'kubectl' ? `dl.k8s.io/release/${variables.KUBECTL_VERSION}/bin/linux/amd64/kubectl` : `github.com/kubernetes-sigs/kind/releases/download/${variables.KIND_VERSION}/kind-linux-amd64`;
    const { run, kind, kubectl } = world('x86_64', tamper);
    expect(run.status).not.toBe(0);
    expect(what === 'kubectl' ? kubectl : kind).toBeUndefined();
  });

  it('an architecture with no release stops with a clear message', () => {
    const { run, kind } = world('riscv64');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sew-ci: no kind or kubectl release for riscv64');
    expect(kind).toBeUndefined();
  });
});
