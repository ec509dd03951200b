// What a fetched context may set in `kind` (README, Trust model): the cluster's shape, nothing
// that listens beyond loopback, runs another node image or changes how nodes find registries.
// YAML merge keys are resolved before any check reads a key.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { CONFIG_PATH_PATCH } from '../../../src/core/kind/config.js';
import type { Plan } from '../../../src/core/plan.js';
import { planComposingFetched } from '../../support/resolve-plan.js';
import { disposables } from '../../support/disposables.js';

const scratch = disposables();

const planWith = (context: string, project = '') => planComposingFetched(scratch, context, project);

const node = (body: string) => `kind:\n  nodes:\n    - role: control-plane\n${body}`;

describe('a fetched context in kind', () => {
  it.each([
    ['an API server on every interface', 'kind:\n  networking:\n    apiServerAddress: 0.0.0.0\n', 'ctx/sew.yaml:3:23: a fetched context may put the API server only on loopback'],
    ['a port on every interface', node('      extraPortMappings:\n        - {containerPort: 80, hostPort: 8080, listenAddress: 0.0.0.0}\n'), 'ctx/sew.yaml:5:62: a fetched context may publish a port only on loopback'],
    ['a containerd patch', 'kind:\n  containerdConfigPatches:\n    - "[plugins]"\n', 'ctx/sew.yaml:2:3: a fetched context may not set kind.containerdConfigPatches'],
    ['a containerd JSON patch', 'kind:\n  containerdConfigPatchesJSON6902: ["[]"]\n', 'ctx/sew.yaml:2:3: a fetched context may not set kind.containerdConfigPatchesJSON6902'],
    ['a kubeadm patch', 'kind:\n  kubeadmConfigPatches: ["kind: ClusterConfiguration"]\n', 'ctx/sew.yaml:2:3: a fetched context may not set kind.kubeadmConfigPatches'],
    ['a node image (nodes run privileged)', node('      image: evil/node:1\n'), "ctx/sew.yaml:4:7: a fetched context may not set a node's image"],
    ['a hostPath / behind a merge key', node('      extraMounts:\n        - <<: {hostPath: /}\n          containerPath: /host\n'), 'a fetched context may mount a host directory only inside $SEW_HOME'],
    ['an API server address behind a merge key', 'kind:\n  networking:\n    <<: {apiServerAddress: 0.0.0.0}\n', 'a fetched context may put the API server only on loopback'],
    ['a quoted "<<" key, which the Kind config would read as a merge key', node('      extraMounts:\n        - "<<": {hostPath: /}\n'), 'ctx/sew.yaml:5:11: a quoted "<<" key is refused'],
    ['a merge key naming no mapping', 'kind:\n  networking:\n    <<: 3\n', 'ctx/sew.yaml:3:5: a "<<" merge key must name a mapping or a list of mappings'],
  ])('refuses %s, naming where', async (_, context, message) => {
    const err = await planWith(context).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(message);
  });

  it.each([
    // Accepted, and then, as in sew, the cluster's shape stays the user's: a context gives only node 0's ports and a name.
    ['a loopback API server', 'kind:\n  networking:\n    apiServerAddress: 127.0.0.1\n', (p: Plan) => expect(p.kindConfig.networking).toBeUndefined()],
    ['labels and roles', node('      labels: {tier: db}\n    - role: worker\n'), (p: Plan) => expect(p.kindConfig.nodes.map((n) => n.role)).toEqual(['control-plane'])],
  ])('accepts %s', async (_, context, check) => {
    check(await planWith(context));
  });

  it('publishes its port mappings on 127.0.0.1 when it names no listenAddress, where kind would use every interface', async () => {
    const plan = await planWith(node('      extraPortMappings:\n        - {containerPort: 80, hostPort: 8080}\n        - {containerPort: 81, hostPort: 8081, listenAddress: "::1"}\n'));
    expect(plan.kindConfig.nodes[0]?.extraPortMappings).toEqual([
      { listenAddress: '127.0.0.1', containerPort: 80, hostPort: 8080 },
      { containerPort: 81, hostPort: 8081, listenAddress: '::1' },
    ]);
  });

  it("a trusted layer's own mapping for the same port says otherwise", async () => {
    const plan = await planWith(
      node('      extraPortMappings:\n        - {containerPort: 80, hostPort: 8080}\n'),
      'kind:\n  networking: {apiServerAddress: 0.0.0.0}\n  nodes:\n    - role: control-plane\n      extraPortMappings:\n        - {containerPort: 80, hostPort: 8080, listenAddress: 0.0.0.0}\n',
    );
    expect(plan.kindConfig.nodes[0]?.extraPortMappings).toEqual([{ containerPort: 80, hostPort: 8080, listenAddress: '0.0.0.0' }]);
    expect(plan.kindConfig.networking).toEqual({ apiServerAddress: '0.0.0.0' });
  });

  it("the project file's merge keys are resolved too, and sew-ci's containerd patch still comes last", async () => {
    const plan = await planWith('kind: {}\n', 'x: &base {role: control-plane}\nkind:\n  containerdConfigPatches: ["[a]"]\n  nodes:\n    - <<: *base\nimages:\n  mirrors: {}\n');
    expect(plan.kindConfig.nodes[0]?.role).toBe('control-plane');
    expect(plan.kindConfig.containerdConfigPatches).toEqual(['[a]', CONFIG_PATH_PATCH]);
  });
});
