import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RuntimeError } from '../../../src/core/errors.js';
import { CommandNotFoundError, type Exec } from '../../../src/core/exec/exec.js';
import { clusterExists, createCluster, kind, kindCreateArgs } from '../../../src/core/adapters/kind/kind-binary.js';
import { kindConfig } from '../../../src/core/kind/config.js';
import { recordedExec } from '../../support/recorded-exec.js';
import { writeTree } from '../../support/tree.js';

describe('kind create cluster arguments', () => {
  it.each([
    [{ wait: '60s' }, ['create', 'cluster', '--name', 'sew', '--config', '/c.yaml', '--wait', '60s']],
    [{ wait: '5m', image: 'kindest/node:v1.31.0' }, ['create', 'cluster', '--name', 'sew', '--config', '/c.yaml', '--image', 'kindest/node:v1.31.0', '--wait', '5m']],
    [{ wait: '0s', kubeconfig: '/k' }, ['create', 'cluster', '--name', 'sew', '--config', '/c.yaml', '--wait', '0s', '--kubeconfig', '/k']],
  ])('%j', (options, expected) => {
    expect(kindCreateArgs('sew', '/c.yaml', options)).toEqual(expected);
  });
});

describe('kind through the exec port', () => {
  it('writes the plan’s config and passes it to kind', async () => {
    const dir = writeTree({});
    const exec = recordedExec('kind', () => ({}));
    const config = kindConfig({ name: 'demo' }, 'demo', '/hosts');
    const path = join(dir, 'clusters', 'demo.kind.yaml');
    await createCluster(exec, config, path, { wait: '60s' });
    expect(parse(readFileSync(path, 'utf8'))).toEqual(config);
    expect(exec.calls).toEqual([{ command: 'kind', args: ['create', 'cluster', '--name', 'demo', '--config', path, '--wait', '60s'] }]);
  });

  it('finds an existing cluster by name', async () => {
    const exec = recordedExec('kind', () => ({ stdout: 'other\nsew\n' }));
    expect(await clusterExists(exec, 'sew')).toBe(true);
    expect(await clusterExists(exec, 'se')).toBe(false);
  });

  it('reports a kind failure in one line', async () => {
    const exec = recordedExec('kind', () => ({ code: 1, stderr: 'Creating cluster...\nERROR: failed to create cluster: node(s) already exist\n' }));
    await expect(kind(exec, ['create', 'cluster'])).rejects.toThrow(new RuntimeError('kind create cluster failed: failed to create cluster: node(s) already exist'));
  });

  it('says how to get kind when it is missing', async () => {
    const missing: Exec = { run: async (command) => Promise.reject(new CommandNotFoundError(command)) };
    await expect(kind(missing, ['get', 'clusters'])).rejects.toThrow(/^kind is not installed: see https:\/\/kind\.sigs\.k8s\.io/);
  });
});

describe('down without kind', () => {
  it('has no cluster to delete and finishes, so a CI teardown goes on to save the cache', async () => {
    const { down } = await import('../../../src/core/down.js');
    const missing: Exec = { run: async (command) => Promise.reject(new CommandNotFoundError(command)) };
    const infos: string[] = [];
    const reporter = { phase: <T>(_: string, work: () => Promise<T>) => work(), info: (m: string) => infos.push(m), warn: () => undefined };
    const { defaultDeps } = await import('../../../src/core/default-deps.js');
    const result = await down({ sewHome: writeTree({}), env: {}, purge: false }, { ...defaultDeps({}, missing), reporter });
    expect(result).toEqual({ name: 'sew', cluster: 'no-kind', removedContainers: [], removedData: [], keptData: [] });
    expect(infos).toContain('kind is not installed: could not check for a cluster to delete');
  });

  it('any other kind failure still fails down', async () => {
    const { down } = await import('../../../src/core/down.js');
    const broken: Exec = { run: async () => ({ code: 1, stdout: '', stderr: 'permission denied' }) };
    const reporter = { phase: <T>(_: string, work: () => Promise<T>) => work(), info: () => undefined, warn: () => undefined };
    const { defaultDeps } = await import('../../../src/core/default-deps.js');
    await expect(down({ sewHome: writeTree({}), env: {}, purge: false }, { ...defaultDeps({}, broken), reporter })).rejects.toThrow('kind get clusters failed: permission denied');
  });
});
