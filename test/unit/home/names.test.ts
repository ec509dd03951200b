import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeIdentity } from '../../../src/core/home/identity.js';
import { localContainerName, localRegistryPort, mirrorContainerName, preloadContainerName } from '../../../src/core/home/names.js';
import { writeTree } from '../../support/tree.js';
import { planFor } from '../config/plan-helpers.js';

const root = writeTree({});
const env = { HOME: root };
const defaultHome = homeIdentity(join(root, '.sew'), env);
const otherHome = homeIdentity(join(root, 'jobs', 'a'), env);

describe('container names', () => {
  it.each([
    ['docker.io', 'sew-mirror-docker-io'],
    ['upstream.test:5900', 'sew-mirror-upstream-test-5900'],
    ['ghcr.io', 'sew-mirror-ghcr-io'],
  ])('%s keeps sew’s name in the default home: %s', (host, name) => {
    expect(mirrorContainerName(host, defaultHome)).toBe(name);
  });

  it.each([
    ['registry.k8s.io', 'registry-k8s.io'],
    ['a.b:5000', 'a-b.5000'],
    ['a.5000', 'a:5000'],
    ['registry.k8s.io', 'registry.k8s-io'],
  ])('%s and %s get different mirror containers', (one, two) => {
    expect(mirrorContainerName(one, defaultHome)).not.toBe(mirrorContainerName(two, defaultHome));
  });

  it('no two (host, home) pairs share a name', () => {
    const hosts = ['docker.io', 'registry.k8s.io', 'registry-k8s.io', 'registry.k8s-io', 'a.5000', 'a:5000', 'a-5000', '10.0.0.1:5000', '10-0-0-1:5000', 'x.h0123456789ab'];
    const homes = [defaultHome, otherHome, homeIdentity(join(root, 'jobs', 'b'), env)];
    const names = homes.flatMap((home) => [preloadContainerName(home), localContainerName(home), ...hosts.map((h) => mirrorContainerName(h, home))]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('the default home keeps sew-preload, sew-local and port 5050', () => {
    expect([preloadContainerName(defaultHome), localContainerName(defaultHome), localRegistryPort(defaultHome)]).toEqual(['sew-preload', 'sew-local', 5050]);
  });

  it('another home gets its own names and a port of its own, the same on every run', () => {
    expect(preloadContainerName(otherHome)).toBe(`sew-preload--h${otherHome.id}`);
    expect(localContainerName(otherHome)).toBe(`sew-local--h${otherHome.id}`);
    expect(localRegistryPort(otherHome)).toBe(localRegistryPort(homeIdentity(join(root, 'jobs', 'a'), env)));
    expect(localRegistryPort(otherHome)).toBeGreaterThanOrEqual(20_000);
    expect(localRegistryPort(otherHome)).toBeLessThan(30_000);
  });

  it('a home is known by its real path: a symlink to it is the same home', () => {
    mkdirSync(join(root, 'real-home'));
    symlinkSync(join(root, 'real-home'), join(root, 'link-home'));
    expect(homeIdentity(join(root, 'link-home'), env)).toEqual(homeIdentity(join(root, 'real-home'), env));
    symlinkSync(join(root, '.sew'), join(root, 'default-link'));
    mkdirSync(join(root, '.sew'));
    expect(homeIdentity(join(root, 'default-link'), env).isDefault).toBe(true);
  });
});

describe('the plan states names and ports', () => {
  it('look-alike upstreams get a mirror container each', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  mirrors:\n    upstreams: [registry.k8s.io, registry-k8s.io]\n' }, defaultHome: true });
    const containers = plan.mirrors!.entries.map((e) => e.container);
    expect(containers[1]).toBe(mirrorContainerName('registry.k8s.io', plan.home));
    expect(new Set(containers).size).toBe(3);
  });

  it('a non-default home names its containers and local port with its id', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  local: {}\n  mirrors: {}\n' } });
    expect(plan.home.isDefault).toBe(false);
    expect(plan.preload.container).toBe(`sew-preload--h${plan.home.id}`);
    expect(plan.mirrors!.entries[0]!.container).toBe(`sew-mirror-docker-io--h${plan.home.id}`);
    expect(plan.local).toMatchObject({ container: `sew-local--h${plan.home.id}`, port: localRegistryPort(plan.home), portMayMove: true });
  });
});
