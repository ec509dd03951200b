import { describe, expect, it } from 'vitest';
import { parseExternal } from '../../../src/core/local/local-registry.js';
import { planFor } from './plan-helpers.js';

describe('images.local', () => {
  it('is off by default', async () => {
    expect((await planFor({ files: { 'project/sew.yaml': 'kind: {}\n' } })).local).toBeNull();
  });

  it('{} is a local registry on localhost:5050, wired into every node, not cached', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  local: {}\n' }, defaultHome: true });
    expect(plan.local).toEqual({ kind: 'container', container: 'sew-local', port: 5050, portMayMove: false, host: 'localhost:5050', pushTarget: 'localhost:5050', data: `${plan.sewHome}/local`, cache: false });
    expect(plan.kindConfig.nodes[0]).toHaveProperty('extraMounts');
  });

  it('takes a port and a cache choice; the action input can turn it on', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  local: {port: 5051, cache: true}\n' } });
    expect(plan.local).toMatchObject({ host: 'localhost:5051', cache: true });
    const on = await planFor({ files: {}, options: { local: true }, defaultHome: true });
    expect(on.local).toMatchObject({ host: 'localhost:5050', cache: false });
  });

  it.each([
    ['ghcr.io/myorg/myrepo', { host: 'ghcr.io', pushTarget: 'ghcr.io/myorg/myrepo' }],
    ['${REGISTRY_USER}:${REGISTRY_PASS}@ghcr.io/myorg/myrepo', { host: 'ghcr.io', pushTarget: 'ghcr.io/myorg/myrepo' }],
    ['registry.example.com:5000', { host: 'registry.example.com:5000', pushTarget: 'registry.example.com:5000' }],
  ])('external %s', (text, expected) => {
    expect(parseExternal(text, 'x')).toEqual(expected);
  });

  it('refuses a bad external target, naming where', async () => {
    await expect(planFor({ files: { 'project/sew.yaml': 'images:\n  local:\n    external: "not a registry"\n' } })).rejects.toThrow('sew.yaml:3:5: "not a registry" is not [user:pass@]host[:port][/path]');
  });

  it('never puts external credentials in the plan', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  local:\n    external: "bot:s3cret@ghcr.io/acme"\n' } });
    expect(plan.local).toEqual({ kind: 'external', host: 'ghcr.io', pushTarget: 'ghcr.io/acme', cache: false });
    expect(JSON.stringify(plan)).not.toContain('s3cret');
  });
});
