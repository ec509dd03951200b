// The cluster sew would build (sew's KindConfig.MergeWithContext, then the flags): the user's
// own kind config decides the nodes; contexts add node 0's host ports the user does not map
// and their name over the default `sew`; flags add only host ports nothing maps yet.
import { describe, expect, it } from 'vitest';
import { clusterKind } from '../../../src/core/config/merge.js';
import type { LayerOrigin } from '../../../src/core/config/layer.js';

const port = (containerPort: number, hostPort: number, protocol?: string) => ({ containerPort, hostPort, ...(protocol && { protocol }) });
const cp = (...ports: object[]) => ({ role: 'control-plane', ...(ports.length && { extraPortMappings: ports }) });
const worker = { role: 'worker' };
const layer = (origin: LayerOrigin, kind: Record<string, unknown>) => ({ origin, kind });

describe('the cluster’s nodes and host ports', () => {
  it.each([
    {
      name: 'the project’s two nodes, a context’s ports on node 0',
      layers: [layer('context', { nodes: [cp(port(1, 1))] }), layer('project', { nodes: [cp(), worker] })],
      nodes: [cp(port(1, 1)), worker],
    },
    {
      name: 'a context’s three nodes give way to kind’s default single node when the user declares none',
      layers: [layer('context', { nodes: [cp(port(1, 1)), worker, worker] }), layer('project', {})],
      nodes: [cp(port(1, 1))],
    },
    {
      name: 'with no nodes anywhere, none are written (kind’s default single node)',
      layers: [layer('context', { name: 'x' }), layer('project', {})],
      nodes: undefined,
    },
    {
      name: 'the ports of every context’s node 0, the later context winning',
      layers: [layer('context', { nodes: [cp(port(1, 1), port(2, 2))] }), layer('context', { nodes: [cp(port(2, 9)), worker] }), layer('project', {})],
      nodes: [cp(port(1, 1), port(2, 9))],
    },
    {
      name: 'the user’s own mapping of a container port wins over a context’s',
      layers: [layer('context', { nodes: [cp(port(1, 1), port(2, 2))] }), layer('project', { nodes: [cp(port(1, 7))] })],
      nodes: [cp(port(1, 7), port(2, 2))],
    },
    {
      name: 'another protocol is another mapping',
      layers: [layer('context', { nodes: [cp(port(53, 53, 'UDP'))] }), layer('project', { nodes: [cp(port(53, 5353))] })],
      nodes: [cp(port(53, 53, 'UDP'), port(53, 5353))],
    },
    {
      name: 'a flag’s ports land on the project’s node 0, its workers kept',
      layers: [layer('context', { nodes: [cp(port(1, 1))] }), layer('project', { nodes: [cp(), worker] }), layer('flag', { nodes: [cp(port(3, 3))] })],
      nodes: [cp(port(1, 1), port(3, 3)), worker],
    },
    {
      name: 'a flag mapping a container port node 0 already maps keeps the original host port',
      layers: [layer('context', { nodes: [cp(port(1, 1))] }), layer('project', { nodes: [cp(port(2, 2))] }), layer('flag', { nodes: [cp(port(1, 91), port(2, 92), port(3, 93))] })],
      nodes: [cp(port(1, 1), port(2, 2), port(3, 93))],
    },
    {
      name: 'between flags, the later wins',
      layers: [layer('project', {}), layer('flag', { nodes: [cp(port(3, 3))] }), layer('flag', { nodes: [cp(port(3, 33))] })],
      nodes: [cp(port(3, 33))],
    },
    {
      name: 'the project’s nodes replace the user file’s, node 0 keeping the user file’s ports',
      layers: [layer('user', { nodes: [cp(port(1, 1)), worker, worker] }), layer('project', { nodes: [cp(port(2, 2)), worker] })],
      nodes: [cp(port(1, 1), port(2, 2)), worker],
    },
    {
      name: 'a project without nodes keeps the user file’s',
      layers: [layer('user', { nodes: [cp(), worker] }), layer('project', { name: 'x' })],
      nodes: [cp(), worker],
    },
  ])('$name', ({ layers, nodes }) => {
    expect(clusterKind(layers).nodes).toEqual(nodes);
  });
});

describe('the cluster’s name', () => {
  it.each([
    { name: 'a context’s name replaces the default', layers: [layer('context', { name: 'ctx' }), layer('project', { name: 'sew' })], expected: 'ctx' },
    { name: 'a context’s name names a cluster the user did not name', layers: [layer('context', { name: 'ctx' }), layer('project', {})], expected: 'ctx' },
    { name: 'the user’s own name wins', layers: [layer('context', { name: 'ctx' }), layer('project', { name: 'mine' })], expected: 'mine' },
    { name: 'the later context’s name wins', layers: [layer('context', { name: 'a' }), layer('context', { name: 'b' })], expected: 'b' },
    { name: 'an empty name (a variable set to nothing) is no name, as in sew', layers: [layer('context', { name: 'a' }), layer('context', { name: '' })], expected: 'a' },
    { name: 'the project’s default name gives way to the user file’s', layers: [layer('user', { name: 'home' }), layer('project', { name: 'sew' }), layer('context', { name: 'ctx' })], expected: 'home' },
    { name: 'a flag never renames the cluster', layers: [layer('context', { name: 'ctx' }), layer('flag', { name: 'flagged' })], expected: 'ctx' },
    { name: 'nor names an unnamed one', layers: [layer('project', {}), layer('flag', { name: 'flagged' })], expected: undefined },
  ])('$name', ({ layers, expected }) => {
    expect(clusterKind(layers).name).toBe(expected);
  });
});

describe('the rest of the cluster comes from the user’s files only', () => {
  it('scalars child-wins, maps merged, containerdConfigPatches replaced; a context’s and a flag’s ignored', () => {
    const kind = clusterKind([
      layer('user', { apiVersion: 'kind.x-k8s.io/v1alpha4', networking: { apiServerPort: 6443, podSubnet: '10.244.0.0/16' }, containerdConfigPatches: ['user'], featureGates: { A: true } }),
      layer('context', { networking: { ipFamily: 'ipv6' }, containerdConfigPatches: ['context'], featureGates: { C: true } }),
      layer('project', { networking: { apiServerPort: 7443 }, containerdConfigPatches: ['project'], featureGates: { B: true } }),
      layer('flag', { networking: { disableDefaultCNI: true }, featureGates: { F: true } }),
    ]);
    expect(kind).toEqual({
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      networking: { apiServerPort: 7443, podSubnet: '10.244.0.0/16' },
      containerdConfigPatches: ['project'],
      featureGates: { A: true, B: true },
    });
  });
});
