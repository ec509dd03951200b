// The GitLab template: parses, and its hidden job caches what the action caches, keyed on the
// committed key file, with Docker in the dind service.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const template = parse(readFileSync('gitlab/sew-ci.gitlab-ci.yml', 'utf8')) as Record<string, Record<string, unknown>>;
const job = template['.sew-ci']!;

describe('the GitLab template', () => {
  it('defines only the hidden .sew-ci job, to extend', () => {
    expect(Object.keys(template)).toEqual(['.sew-ci']);
  });

  it('keys the cache on the committed key file and caches the registry data', () => {
    expect(job.cache).toEqual({ key: { files: ['.sew-cache-key'], prefix: 'sew-ci' }, paths: ['.sew/preload', '.sew/mirrors/data'] });
    expect((job.variables as Record<string, string>).SEW_HOME).toBe('$CI_PROJECT_DIR/.sew');
  });

  it('runs Docker in dind and publishes registries where the job reaches them', () => {
    expect(job.services).toEqual([expect.objectContaining({ name: expect.stringMatching(/^docker:.*dind$/), alias: 'docker' })]);
    expect(job.variables).toMatchObject({ DOCKER_HOST: 'tcp://docker:2375', SEW_PUBLISH_ADDRESS: '0.0.0.0', SEW_REGISTRY_HOST: 'docker' });
  });

  it('checks the key file, verifies kind, brings the cluster up and down', () => {
    const script = (job.before_script as string[]).join('\n');
    expect(script).toContain('cache-key $SEW_CI_FLAGS --check .sew-cache-key');
    expect(script).toContain('sha256sum -c');
    expect(script.indexOf('--set $s')).toBeLessThan(script.indexOf('cache-key $SEW_CI_FLAGS'));
    expect(script).toContain('sew-ci@$SEW_CI_VERSION up $SEW_CI_FLAGS');
    expect(job.after_script).toEqual(['npx --yes sew-ci@$SEW_CI_VERSION down']);
  });
});
