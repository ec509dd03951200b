import { describe, expect, it } from 'vitest';
import { CONFIG_PATH_PATCH } from '../../../src/core/kind/config.js';
import { planFor, yaml } from './plan-helpers.js';

describe('kind merge rules', () => {
  const cluster = yaml`
    kind:
      name: base
      networking:
        apiServerPort: 6443
        podSubnet: 10.244.0.0/16
      nodes:
        - role: control-plane
        - role: worker
      containerdConfigPatches:
        - "base patch"
      featureGates: {A: true}
  `;
  it('the project over $SEW_HOME/sew.yaml: scalars child-wins, maps merged, nodes and containerdConfigPatches replaced', async () => {
    const plan = await planFor({
      files: {
        'home/sew.yaml': cluster,
        'project/sew.yaml': yaml`
          kind:
            name: child
            networking:
              apiServerPort: 7443
            nodes:
              - role: control-plane
                extraPortMappings: [{containerPort: 80, hostPort: 8080}]
            containerdConfigPatches:
              - "child patch"
            featureGates: {B: true}
        `,
      },
    });
    const k = plan.kindConfig;
    expect(k.name).toBe('child');
    expect(k.networking).toEqual({ apiServerPort: 7443, podSubnet: '10.244.0.0/16' });
    expect(k.featureGates).toEqual({ A: true, B: true });
    expect(k.nodes).toEqual([{ role: 'control-plane', extraPortMappings: [{ containerPort: 80, hostPort: 8080 }] }]);
    expect(k.containerdConfigPatches).toEqual(['child patch']);
  });

  it('without preload or mirrors the user cluster passes through untouched', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': cluster } });
    expect(plan.mirrors).toBeNull();
    expect(plan.kindConfig).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: 'base',
      networking: { apiServerPort: 6443, podSubnet: '10.244.0.0/16' },
      nodes: [{ role: 'control-plane' }, { role: 'worker' }],
      containerdConfigPatches: ['base patch'],
      featureGates: { A: true },
    });
  });

  it('a context gives only its name and node 0’s host ports, as sew’s MergeWithContext', async () => {
    const context = cluster.replace('- role: control-plane', '- role: control-plane\n      extraPortMappings: [{containerPort: 30080, hostPort: 30080}]');
    const plan = await planFor({ files: { 'project/reg/base/sew.yaml': context, 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' } });
    expect(plan.kindConfig).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: 'base',
      nodes: [{ role: 'control-plane', extraPortMappings: [{ containerPort: 30080, hostPort: 30080 }] }],
    });
  });
});

describe('kindConfig wiring', () => {
  it('mounts the hosts dir into every node and adds the config_path patch', async () => {
    const plan = await planFor({
      files: {
        'project/sew.yaml': yaml`
          kind:
            nodes:
              - role: control-plane
                extraMounts: [{hostPath: /src, containerPath: /src}]
              - role: worker
          images:
            preload:
              refs: [mongo:7]
        `,
      },
    });
    const mount = { hostPath: plan.hostsDir, containerPath: '/etc/containerd/certs.d', readOnly: true };
    expect(plan.kindConfig.nodes).toEqual([
      { role: 'control-plane', extraMounts: [{ hostPath: '/src', containerPath: '/src' }, mount] },
      { role: 'worker', extraMounts: [mount] },
    ]);
    expect(plan.kindConfig.containerdConfigPatches).toEqual([CONFIG_PATH_PATCH]);
  });

  it('adds a control-plane node when the config has none', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  mirrors: {}\n' } });
    expect(plan.kindConfig.nodes).toEqual([{ role: 'control-plane', extraMounts: [{ hostPath: plan.hostsDir, containerPath: '/etc/containerd/certs.d', readOnly: true }] }]);
  });

  it.each([
    ['sets config_path elsewhere', '[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/other"\n'],
    ['sets it to the same directory', '[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "/etc/containerd/certs.d"\n'],
  ])('applies its config_path patch after a user patch that %s: no layer removes it', async (_, patch) => {
    const plan = await planFor({
      files: { 'project/sew.yaml': `kind:\n  containerdConfigPatches:\n    - ${JSON.stringify(patch)}\nimages:\n  mirrors: {}\n` },
    });
    expect(plan.kindConfig.containerdConfigPatches).toEqual([patch, CONFIG_PATH_PATCH]);
  });
});

describe('defaults and mirrors', () => {
  it('with no sew.yaml anywhere: cluster sew with the docker.io mirror', async () => {
    const plan = await planFor({ files: {} });
    expect(plan.embeddedDefault).toBe(true);
    expect(plan.cluster.name).toBe('sew');
    expect(plan.mirrors?.upstreams).toEqual(['docker.io']);
    expect(plan.mirrors?.data).toBe(`${plan.sewHome}/mirrors`);
    expect(plan.hostsDir).toBe(`${plan.sewHome}/mirrors/hosts`);
    expect(plan.kindConfig.containerdConfigPatches).toEqual([CONFIG_PATH_PATCH]);
  });

  it('a sew.yaml without images.mirrors has no mirrors', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'kind:\n  name: x\n' } });
    expect(plan.mirrors).toBeNull();
    expect(plan.kindConfig.containerdConfigPatches).toBeUndefined();
  });

  it.each([
    ['{}', ['docker.io']],
    ['{upstreams: [ghcr.io, docker.elastic.co]}', ['docker.io', 'ghcr.io', 'docker.elastic.co']],
    ['{upstreams: [ghcr.io, docker.io]}', ['ghcr.io', 'docker.io']],
    ['{upstreams: ["docker.io=https://harbor.example.com/v2/proxy"]}', ['docker.io']],
    ['{upstreams: ["*=http://cache.example.com:5000"]}', ['docker.io', '*']],
  ])('mirrors %s -> %j', async (mirrors, upstreams) => {
    const plan = await planFor({ files: { 'project/sew.yaml': `images:\n  mirrors: ${mirrors}\n` } });
    expect(plan.mirrors?.upstreams).toEqual(upstreams);
  });

  it('mirrors are last-writer-wins across layers', async () => {
    const plan = await planFor({
      files: {
        'project/reg/base/sew.yaml': 'images:\n  mirrors:\n    upstreams: [quay.io]\n    data: /var/cache/base\n',
        'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\nimages:\n  mirrors:\n    upstreams: [ghcr.io]\n',
      },
    });
    expect(plan.mirrors?.upstreams).toEqual(['docker.io', 'ghcr.io']);
    expect(plan.mirrors?.data).toBe(`${plan.sewHome}/mirrors`);
  });

  it('endpoint lists keep their order; local stands for the proxy container', async () => {
    const plan = await planFor({
      files: { 'project/sew.yaml': 'images:\n  mirrors:\n    upstreams:\n      - quay.io=local,https://m1.example.com\n      - {host: ghcr.io, endpoints: [https://a.example.com, https://b.example.com]}\n' },
    });
    expect(plan.mirrors?.entries).toEqual([
      { host: 'docker.io', endpoints: ['local'], container: `sew-mirror-docker-io--h${plan.home.id}`, storage: `${plan.mirrors?.storage}/docker.io` },
      { host: 'quay.io', endpoints: ['local', 'https://m1.example.com'], container: `sew-mirror-quay-io--h${plan.home.id}`, storage: `${plan.mirrors?.storage}/quay.io` },
      { host: 'ghcr.io', endpoints: ['https://a.example.com', 'https://b.example.com'] },
    ]);
  });

  it('a relative mirrors.data resolves against the declaring file', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  mirrors:\n    data: .cache/mirrors\n' } });
    expect(plan.mirrors?.data).toMatch(/project\/\.cache\/mirrors$/);
    expect(plan.hostsDir).toMatch(/project\/\.cache\/mirrors\/hosts$/);
  });

  it('a ~ mirrors.data expands against the HOME of the environment given, not the process\'s', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  mirrors:\n    data: "~/mirrors-x"\n' } });
    // planFor's HOME is the tree's root, whose `home` is the SEW_HOME.
    expect(plan.mirrors?.data).toBe(plan.sewHome.replace(/home$/, 'mirrors-x'));
  });
});

describe('cache key', () => {
  const key = async (sew: string, options = {}) => (await planFor({ files: { 'project/sew.yaml': sew }, options })).cacheKey;
  it('is the same for the same images whatever the order or spelling', async () => {
    const a = await key('images:\n  preload:\n    refs: [mongo:7, redis]\n');
    const b = await key('images:\n  preload:\n    refs: [docker.io/library/redis:latest, index.docker.io/library/mongo:7]\n');
    expect(a).toMatch(/^sew-v1-[0-9a-f]{20}$/);
    expect(b).toBe(a);
  });
  it.each([
    ['another image', 'images:\n  preload:\n    refs: [mongo:7, redis, nginx]\n', {}],
    ['mirrors on', 'images:\n  mirrors: {}\n  preload:\n    refs: [mongo:7, redis]\n', {}],
    ['another registry image', 'images:\n  preload:\n    refs: [mongo:7, redis]\n', { registryImage: 'registry:3' }],
    ['all platforms', 'images:\n  preload:\n    platforms: all\n    refs: [mongo:7, redis]\n', {}],
  ])('changes with %s', async (_, sew, options) => {
    expect(await key(sew, options)).not.toBe(await key('images:\n  preload:\n    refs: [mongo:7, redis]\n'));
  });
});

describe('registry image and registries', () => {
  it.each([
    [{}, {}, 'registry:2'],
    [{ SEW_REGISTRY_IMAGE: 'env/registry:2' }, {}, 'env/registry:2'],
    [{ SEW_REGISTRY_IMAGE: 'env/registry:2' }, { registryImage: 'flag/registry:2' }, 'flag/registry:2'],
  ])('env %j options %j -> %s', async (env, options, expected) => {
    const plan = await planFor({ files: {}, options: { env, ...options } });
    expect(plan.registryImage).toBe(expected);
  });

  it('takes images.registryImage from the config', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  registryImage: mirror.example.com/registry:2.8\n' } });
    expect(plan.registryImage).toBe('mirror.example.com/registry:2.8');
  });

  it('expands ${VAR} in urls, keeps credentials as templates, defaults docker.io to registry-1', async () => {
    const plan = await planFor({
      files: {
        'project/sew.yaml': yaml`
          images:
            registries:
              upstream.test:5900: {url: "http://\${UPSTREAM_HOST}:5900"}
              ghcr.io: {username: "\${GH_USER}", password: "\${GH_TOKEN}"}
              docker.io: {}
        `,
      },
      options: { env: { UPSTREAM_HOST: 'upstream.test', GH_USER: 'me', GH_TOKEN: 's3cret' } },
    });
    expect(plan.registries['upstream.test:5900']?.url).toBe('http://upstream.test:5900');
    expect(plan.registries['ghcr.io']).toMatchObject({ url: 'https://ghcr.io', username: '${GH_USER}', password: '${GH_TOKEN}' });
    expect(plan.registries['docker.io']?.url).toBe('https://registry-1.docker.io');
    expect(JSON.stringify(plan)).not.toContain('s3cret');
  });
});

describe('the hosts the preload registry serves', () => {
  it.each([
    { name: 'preloaded and built images, once per host', sew: 'images:\n  preload:\n    refs: [mongo:7, redis:7, ghcr.io/acme/api:1]\nbuilds:\n  - {name: web, image: "registry.example:5000/web:dev", pre: ["true"]}\n', options: {}, hosts: ['docker.io', 'ghcr.io', 'registry.example:5000'] },
    { name: 'with --skip-preload, only the built ones', sew: 'images:\n  preload:\n    refs: [mongo:7]\nbuilds:\n  - {name: web, image: "web:dev", pre: ["true"]}\n', options: { skipPreload: true }, hosts: ['docker.io'] },
    { name: 'nothing preloaded or built: none', sew: 'kind: {}\n', options: {}, hosts: [] },
  ])('$name', async ({ sew, options, hosts }) => {
    const plan = await planFor({ files: { 'project/sew.yaml': sew }, options });
    expect(plan.preload.hosts).toEqual(hosts);
  });
});
