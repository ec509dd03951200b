// Hostile and malformed input: each refused as bad input (exit 2), in one line naming where,
// before anything is read or started; nothing of a file's content echoed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/action/inputs.js';
import { InputError } from '../../../src/core/errors.js';
import { statePath } from '../../../src/core/kind/state.js';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';
import { planFor } from '../config/plan-helpers.js';

const SECRET = 'SECRET-CONTENT-4f1d';

describe('CLI options', () => {
  it.each([
    ['a cluster name with ../', ['plan', '--cluster-name', '../x'], '--cluster-name: must be a lowercase DNS label (a-z, 0-9, -), not "../x"'],
    ['a cluster name with a slash', ['plan', '--cluster-name', 'a/b'], '--cluster-name: must be a lowercase DNS label (a-z, 0-9, -), not "a/b"'],
    ['a down --name with ../', ['down', '--name', '../../x'], '--name: must be a lowercase DNS label (a-z, 0-9, -), not "../../x"'],
    ['a flag name with ../', ['plan', '--flag', '../x'], '--flag: must be a flag name (a-z, 0-9, -), not "../x"'],
    ['a registry image that is no image', ['plan', '--registry-image', 'not an image'], '--registry-image: invalid image reference "not an image"'],
    ['a config that is a directory', ['plan', '--config', 'adir'], 'config: '],
    ['a config that is a named pipe', ['plan', '--config', 'fifo'], 'is a named pipe, not a regular file'],
    ['a --check file that is a named pipe', ['cache-key', '--check', 'fifo'], '--check: '],
  ])('%s: exit 2, naming it', async (_, args, error) => {
    const dir = writeTree({ 'sew.yaml': 'kind: {}\n', 'adir/sew.yaml': 'kind: {}\n' });
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const home = join(dir, 'home');
    const result = await cli([...args, '--sew-home', home], dir);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toContain(error);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('SEW_REGISTRY_IMAGE that is no image is refused naming the variable', async () => {
    const result = await cli(['plan'], writeTree({ 'sew.yaml': 'kind: {}\n' }), { SEW_REGISTRY_IMAGE: 'Bad Image' });
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('SEW_REGISTRY_IMAGE: invalid image reference') });
  });

  it('cache-key --check never prints the file it reads', async () => {
    const dir = writeTree({ 'sew.yaml': 'kind: {}\n', 'private.txt': `${SECRET}\n` });
    const result = await cli(['cache-key', '--check', 'private.txt'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('private.txt holds a different key');
    expect(result.stderr + result.stdout).not.toContain(SECRET);
  });
});

describe('sew.yaml values', () => {
  it.each([
    ['a hostPort out of range', 'kind:\n  nodes:\n    - role: control-plane\n      extraPortMappings:\n        - {containerPort: 80, hostPort: 99999}\n', 'sew.yaml:5:41: "kind.nodes.0.extraPortMappings.0.hostPort" must be a port'],
    ['a containerPort of 0', 'kind:\n  nodes:\n    - extraPortMappings: [{containerPort: 0}]\n', 'sew.yaml:3:43: "kind.nodes.0.extraPortMappings.0.containerPort" must be a port'],
    ['a mirror upstream port out of range', 'images:\n  mirrors:\n    upstreams: ["upstream.test:99999"]\n', 'sew.yaml:3:17: "upstream.test:99999": port 99999 out of range'],
    ['a preload ref port out of range', 'images:\n  preload:\n    refs: ["upstream.test:70000/a:1"]\n', 'sew.yaml:3:12: invalid image reference "upstream.test:70000/a:1": port 70000 out of range'],
    ['an external local registry port out of range', 'images:\n  local:\n    external: "ghcr.io:65536/x"\n', '"ghcr.io:65536/x": port 65536 out of range'],
    ['a !!binary value', 'kind:\n  nodes:\n    - extraMounts: [{hostPath: !!binary L2V0Yw==, containerPath: /x}]\n', 'sew.yaml:3:41: "kind.nodes.0.extraMounts.0.hostPath" must be a plain YAML value'],
    ['a !!binary carried field', 'description: !!binary L2V0Yw==\n', '"description" must be a plain YAML value'],
    ['a registry image that is no image', 'images:\n  registryImage: "Not An Image"\n', 'sew.yaml:2:18: invalid image reference "Not An Image"'],
    ['an unset variable in a credential', 'images:\n  registries:\n    ghcr.io: {username: bot, password: "${NOPE_TOKEN}"}\n', 'sew.yaml:3:14: environment variable NOPE_TOKEN is not set'],
  ])('%s', async (_, sew, error) => {
    const failure = await planFor({ files: { 'project/sew.yaml': sew } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toContain(error);
  });

  it('a credential variable is checked in the plan, and its value stays out of it', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  registries:\n    ghcr.io: {username: bot, password: "${GH_TOKEN}"}\n' }, options: { env: { GH_TOKEN: SECRET } } });
    expect(JSON.stringify(plan)).not.toContain(SECRET);
  });

  it('a cluster name from the core API is checked too', async () => {
    await expect(planFor({ files: {}, options: { clusterName: '../up' } })).rejects.toThrow('cluster name: "../up" must be a lowercase DNS label');
    await expect(planFor({ files: {}, options: { flags: ['../x'] } })).rejects.toThrow('flag: "../x" must be a flag name');
  });

  it('cluster state paths never leave $SEW_HOME/clusters', () => {
    expect(() => statePath('/home', '../../etc/x')).toThrow(InputError);
    expect(statePath('/home', 'ci-1')).toBe('/home/clusters/ci-1.yaml');
  });

  it('$SEW_HOME/sew.yaml that is a directory is refused', async () => {
    const root = writeTree({ 'project/sew.yaml': 'kind: {}\n' });
    mkdirSync(join(root, 'home', 'sew.yaml'), { recursive: true });
    await expect(cli(['plan', '--sew-home', join(root, 'home')], join(root, 'project'))).resolves.toMatchObject({ code: 2, stderr: expect.stringContaining('is a directory, not a regular file') });
  });
});

describe('action inputs', () => {
  const read = (values: Record<string, string>) => () => readInputs((name) => values[name] ?? '');
  it.each([
    [{ 'cluster-name': '../x' }, 'input cluster-name: must be a lowercase DNS label'],
    [{ flags: 'ok\n../x' }, 'input flags: must be a flag name'],
    [{ 'registry-image': 'no image' }, 'input registry-image: invalid image reference'],
  ])('%j', (values, error) => {
    expect(read(values)).toThrow(error);
  });
});
