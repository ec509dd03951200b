// sew's Kind merge: nodes replaced, node 0's host ports unioned by (containerPort, protocol)
// with the later layer winning, the default name `sew` of a top-level file giving way.
import { describe, expect, it } from 'vitest';
import { mergeKind } from '../../../src/core/config/merge.js';

const node = (ports: object[], extra: object = {}) => ({ role: 'control-plane', extraPortMappings: ports, ...extra });

describe('kind merge', () => {
  it.each([
    {
      name: 'ports of both first nodes are kept',
      base: { nodes: [node([{ containerPort: 1, hostPort: 1 }])] },
      child: { nodes: [node([{ containerPort: 2, hostPort: 2 }])] },
      nodes: [node([{ containerPort: 1, hostPort: 1 }, { containerPort: 2, hostPort: 2 }])],
    },
    {
      name: 'the later layer wins on the same container port and protocol',
      base: { nodes: [node([{ containerPort: 1, hostPort: 1 }])] },
      child: { nodes: [node([{ containerPort: 1, hostPort: 9 }])] },
      nodes: [node([{ containerPort: 1, hostPort: 9 }])],
    },
    {
      name: 'another protocol is another mapping',
      base: { nodes: [node([{ containerPort: 53, hostPort: 53, protocol: 'UDP' }])] },
      child: { nodes: [node([{ containerPort: 53, hostPort: 5353 }])] },
      nodes: [node([{ containerPort: 53, hostPort: 53, protocol: 'UDP' }, { containerPort: 53, hostPort: 5353 }])],
    },
    {
      name: 'the child’s node list replaces the base’s, workers included',
      base: { nodes: [node([{ containerPort: 1, hostPort: 1 }]), { role: 'worker' }, { role: 'worker' }] },
      child: { nodes: [{ role: 'control-plane', labels: { a: 'b' } }] },
      nodes: [{ role: 'control-plane', labels: { a: 'b' }, extraPortMappings: [{ containerPort: 1, hostPort: 1 }] }],
    },
    {
      name: 'a child without nodes keeps the base’s',
      base: { nodes: [node([{ containerPort: 1, hostPort: 1 }]), { role: 'worker' }] },
      child: { name: 'x' },
      nodes: [node([{ containerPort: 1, hostPort: 1 }]), { role: 'worker' }],
    },
  ])('$name', ({ base, child, nodes }) => {
    expect(mergeKind(base, child).nodes).toEqual(nodes);
  });

  it.each([
    ['a context’s name wins over the one before', false, 'sew', 'sew'],
    ['a top-level file’s default name gives way', true, 'sew', 'ctx'],
    ['a top-level file’s own name wins', true, 'mine', 'mine'],
    ['an empty name (a variable set to nothing) is no name, as in sew', false, '', 'ctx'],
  ])('%s', (_, topLevel, name, expected) => {
    expect(mergeKind({ name: 'ctx' }, { name }, topLevel).name).toBe(expected);
  });
});
