// Acceptance: a registry in the shapes of sew's published one (test/fixtures/sew-registry),
// resolved over file:// and over http:// (with sew.flags.yaml manifests, as the published
// site serves them), with flags and --set overrides. Each expected resolution is derived
// from sew's code (internal/registry vars.go, fs.go, http.go; internal/config kind.go):
//   - a context's variables: own default < plain --set where declared < override from the
//     composing context (by path after .default) < dotted --set of that path;
//   - preload refs merged left to right, `mode: replace` keeping only its own;
//   - kind.name child-wins; node 0's host ports unioned by (containerPort, protocol);
//   - the cluster sew would build (config/kind.go MergeWithContext): the user's own nodes,
//     with the contexts' and the flags' host ports on node 0, no flag renaming it or remapping
//     a container port already mapped; a context's `builds` ignored;
//   - mirrors from the nearest layer that sets them, docker.io implicit.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { type Plan } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { serveDirectory, type StaticServer } from '../../support/static-server.js';
import { writeTree } from '../../support/tree.js';

const REGISTRY = resolve('test/fixtures/sew-registry/registry');

interface Expected {
  refs: string[];
  cluster: string;
  hostPorts: number[];
  mirrors: string[] | null;
}

const cases: { name: string; from: string; sets?: Record<string, string>; flags?: string[]; expected: Expected }[] = [
  {
    name: 'a .default chain to a concrete context on an abstract base, preload replaced',
    from: 'acme',
    expected: { refs: ['acme/shop-api:2.1.0-slim'], cluster: 'acme-dbless', hostPorts: [30080, 30081, 30082], mirrors: null },
  },
  {
    name: 'a path-scoped override over a plain --set, which reaches every context declaring it',
    from: 'acme/oss/shop/postgres',
    sets: { imageTag: '3.0.0' },
    expected: {
      refs: ['library/postgres:16', 'library/redis:3.0.0', 'acme/shop-api:3.0.0', 'acme/shop-ui:3.0.0', 'library/alpine:3.20'],
      cluster: 'acme-shop',
      hostPorts: [30432, 30379, 30080, 30081, 30082],
      mirrors: null,
    },
  },
  {
    name: 'dotted --set for two contexts and an inherited flag',
    from: 'acme/oss/shop/postgres',
    sets: { 'acme.oss.shop.base.imageTag': '3.1.0', 'postgresql.standalone.imageTag': '15' },
    flags: ['with-eureka'],
    expected: {
      refs: ['library/postgres:15', 'library/redis:7.4', 'acme/shop-api:3.1.0', 'acme/shop-ui:3.1.0', 'library/alpine:3.20', 'springcloud/eureka:latest'],
      cluster: 'acme-shop',
      hostPorts: [30432, 30379, 30080, 30081, 30082],
      mirrors: null,
    },
  },
  {
    name: 'a context of only `from`, a templated cluster name, mirrors and a skipping flag',
    from: 'acme/ee/shop/kafka/postgres',
    sets: { clusterName: 'ee-ci' },
    flags: ['no-ui'],
    expected: {
      refs: ['library/postgres:16', 'library/redis:7.4', 'acme/shop-api:latest', 'library/alpine:3.20', 'apache/kafka:3.9.0'],
      cluster: 'ee-ci',
      hostPorts: [30432, 30379, 30080, 30081, 30082, 30092],
      mirrors: ['docker.io', 'ghcr.io'],
    },
  },
  {
    name: 'defaults only',
    from: 'acme/ee/shop/kafka/postgres',
    expected: {
      refs: ['library/postgres:16', 'library/redis:7.4', 'acme/shop-api:latest', 'acme/shop-ui:latest', 'library/alpine:3.20', 'apache/kafka:3.9.0'],
      cluster: 'acme-ee',
      hostPorts: [30432, 30379, 30080, 30081, 30082, 30092],
      mirrors: ['docker.io', 'ghcr.io'],
    },
  },
];

let server: StaticServer;
beforeAll(async () => {
  server = await serveDirectory(REGISTRY);
});
afterAll(() => server.close());

const registries = () => [
  ['file://', pathToFileURL(REGISTRY).href],
  ['http://', server.origin],
];

function summary(plan: Plan): Expected {
  return {
    refs: plan.preload.refs.map((r) => r.replace(/^docker\.io\//, '')),
    cluster: plan.cluster.name,
    hostPorts: ((plan.kindConfig.nodes[0]?.extraPortMappings ?? []) as { hostPort: number }[]).map((p) => p.hostPort),
    mirrors: plan.mirrors?.upstreams ? [...plan.mirrors.upstreams] : null,
  };
}

const planOf = (registry: string, from: string, sets?: Record<string, string>, flags?: string[]) => {
  const root = writeTree({});
  return resolvePlan({ cwd: root, env: { HOME: '/home/ci' }, sewHome: `${root}/home`, from: [from], registry, platform: 'linux/amd64', ...(sets && { sets }), ...(flags && { flags }) });
};

describe('a registry in the shapes of sew’s published one', () => {
  for (const { name, from, sets, flags, expected } of cases) {
    it.each(['file://', 'http://'])(`${name} (%s)`, async (scheme) => {
      const registry = registries().find(([s]) => s === scheme)![1]!;
      expect(summary(await planOf(registry, from, sets, flags))).toEqual(expected);
    });
  }

  it.each(['file://', 'http://'])('lists the flags a context inherits, with their descriptions (%s)', async (scheme) => {
    const registry = registries().find(([s]) => s === scheme)![1]!;
    const plan = await planOf(registry, 'acme/oss/shop/postgres');
    expect(plan.availableFlags.map(({ name, description }) => ({ name, description }))).toEqual([
      { name: 'enable-bridge', description: "Expose the shop's bridge" },
      { name: 'no-ui', description: 'Run the shop without its UI' },
      { name: 'with-eureka', description: 'Deploy Eureka for service discovery' },
    ]);
    expect(plan.variables.map((v) => [v.source.replace(/^(.*\/registry\/|http:\/\/[^/]+\/)/, ''), v.variables.map((x) => `${x.name}=${x.value}`)])).toEqual([
      ['postgresql/standalone/sew.yaml', ['imageTag=16']],
      ['redis/standalone/sew.yaml', ['imageTag=7.4']],
      ['acme/oss/shop/base/sew.yaml', ['helmVersion=', 'imageTag=latest']],
      ['acme/oss/shop/postgres/sew.yaml', ['jdbcUrl=jdbc:postgresql://postgresql:5432/shop']],
    ]);
  });

  describe('the cluster sew would build', () => {
    const twoNodes = (registry: string, from: string) =>
      `registry: ${registry}\nfrom: [${from}]\nkind:\n  nodes:\n    - role: control-plane\n    - role: worker\n      labels: {tier: apps}\n`;
    const projectPlan = (project: string, flags: string[] = []) => {
      const root = writeTree({ 'project/sew.yaml': project });
      return resolvePlan({ cwd: `${root}/project`, env: { HOME: '/home/ci' }, sewHome: `${root}/home`, platform: 'linux/amd64', flags });
    };
    const shape = (plan: Plan) => ({
      name: plan.cluster.name,
      roles: plan.kindConfig.nodes.map((n) => n.role),
      ports: ((plan.kindConfig.nodes[0]?.extraPortMappings ?? []) as { containerPort: number; hostPort: number }[]).map((p) => `${p.hostPort}:${p.containerPort}`),
    });

    it.each(['file://', 'http://'])('a project’s two nodes plus a published flag: two nodes, the flag’s new port on node 0, no rename, no remap (%s)', async (scheme) => {
      const registry = registries().find(([s]) => s === scheme)![1]!;
      const plan = await projectPlan(twoNodes(registry, 'acme/oss/shop/postgres'), ['enable-bridge']);
      expect(shape(plan)).toEqual({
        name: 'acme-shop',
        roles: ['control-plane', 'worker'],
        ports: ['30432:30432', '30379:30379', '30080:30080', '30081:30081', '30082:30082', '30090:30090'],
      });
      expect(plan.kindConfig.nodes[1]).toMatchObject({ role: 'worker', labels: { tier: 'apps' } });
      expect(plan.preload.refs).toContain('docker.io/acme/shop-bridge:1.0');
    });

    it.each(['file://', 'http://'])('a context’s three nodes do not reach the cluster; the user’s single default node does (%s)', async (scheme) => {
      const registry = registries().find(([s]) => s === scheme)![1]!;
      expect(shape(await planOf(registry, 'kafka/standalone'))).toEqual({ name: 'kafka-standalone', roles: ['control-plane'], ports: ['30092:30092'] });
      expect(shape(await projectPlan(twoNodes(registry, 'kafka/standalone')))).toEqual({ name: 'kafka-standalone', roles: ['control-plane', 'worker'], ports: ['30092:30092'] });
    });

    it.each(['file://', 'http://'])('a context’s builds change nothing: the image stays preloaded, nothing to build (%s)', async (scheme) => {
      const registry = registries().find(([s]) => s === scheme)![1]!;
      const plan = await planOf(registry, 'acme');
      expect(plan.preload.refs).toEqual(['docker.io/acme/shop-api:2.1.0-slim']);
      expect(plan.builds).toEqual([]);
      expect(plan.warnings.some((w) => w.includes('acme/oss/shop/dbless/sew.yaml') && w.includes('"builds" has no effect in a context'))).toBe(true);
    });
  });

  it('renders env from the environment the plan was given', async () => {
    const plan = await planOf(server.origin, 'acme/ee/shop/kafka/postgres');
    expect(JSON.stringify(plan.carried.components)).toContain('"fromFile":"/home/ci/opt/acme/license.key"');
  });

  it.each(['file://', 'http://'])('refuses an abstract base deployed alone (%s)', async (scheme) => {
    const registry = registries().find(([s]) => s === scheme)![1]!;
    const failure = planOf(registry, 'acme/oss/shop/base');
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow('--from: context "acme/oss/shop/base" is abstract');
  });
});
