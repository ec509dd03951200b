// The trust boundary (README "Trust model"): what a fetched context may not do, and that the
// user's own layers keep every power. Fetched layers come from a loopback http server.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { type Plan, type PlanOptions } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { serveDirectory, type StaticServer } from '../../support/static-server.js';
import { disposables } from '../../support/disposables.js';

const SECRET = 'hunter2-s3cr3t';
const { tree, add } = disposables();

async function serve(dir: string): Promise<StaticServer> {
  const server = await serveDirectory(dir);
  add(() => server.close());
  return server;
}

function plan(root: string, options: Partial<PlanOptions> = {}): Promise<Plan> {
  return resolvePlan({ cwd: join(root, 'project'), env: { HOME: root, USER: 'ci', SECRET }, sewHome: join(root, 'home'), platform: 'linux/amd64', ...options });
}

/** A project composing `ctx` from an http registry serving `context` as its sew.yaml. */
async function fetched(context: string, project = ''): Promise<{ root: string; server: StaticServer }> {
  const root = tree({ 'site/ctx/sew.yaml': context, 'project/.keep': '' });
  const server = await serve(join(root, 'site'));
  writeFileSync(join(root, 'project/sew.yaml'), `registry: ${server.origin}/\nfrom: [ctx]\n${project}`);
  return { root, server };
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('a fetched context', () => {
  it.each([
    ['a ${VAR} in a registry url', 'images:\n  registries:\n    ghcr.io:\n      url: "https://evil.example/${SECRET}"\n', /ctx\/sew\.yaml:4:12: .*cannot read environment variables/],
    ['a registry username', 'images:\n  registries:\n    ghcr.io:\n      username: "${SECRET}"\n', /ctx\/sew\.yaml:4:7: .*cannot carry registry credentials/],
    ['a registry password', 'images:\n  registries:\n    ghcr.io:\n      password: plain\n', /ctx\/sew\.yaml:4:7: .*cannot carry registry credentials/],
    ['credentials in images.local.external', 'images:\n  local:\n    external: "u:p@registry.example"\n', /ctx\/sew\.yaml:3:15: .*cannot carry registry credentials/],
    ['env of a variable not allowed', 'kind:\n  name: \'{{ env "SECRET" }}\'\n', /ctx\/sew\.yaml:2: .*may read only HOME, USER, not SECRET; allow it with --allow-env SECRET/],
    ['an absolute mirrors.data outside $SEW_HOME', 'images:\n  mirrors:\n    data: /etc\n', /ctx\/sew\.yaml:3:11: .*only inside \$SEW_HOME/],
    ['a ~ mirrors.data', 'images:\n  mirrors:\n    data: "~/x"\n', /ctx\/sew\.yaml:3:11: .*only inside \$SEW_HOME/],
    ['a hostPath mount outside $SEW_HOME', 'kind:\n  nodes:\n    - role: control-plane\n      extraMounts:\n        - hostPath: /\n          containerPath: /host\n', /ctx\/sew\.yaml:5:21: .*mount a host directory only inside \$SEW_HOME/],
  ])('is refused %s, naming where', async (_, context, message) => {
    const { root } = await fetched(context);
    const err = await failure(plan(root));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(SECRET);
  });

  it.each([
    ['reads HOME and USER', 'kind:\n  name: \'{{ env "USER" }}\'\ncomponents:\n  - name: x\n    path: \'{{ env "HOME" }}/license\'\n', {}, (p: Plan, root: string) => {
      expect(p.cluster.name).toBe('ci');
      expect(p.carried.components).toEqual([{ name: 'x', path: `${root}/license` }]);
    }],
    ['reads a variable the user allowed', 'components:\n  - name: x\n    token: \'{{ env "SECRET" }}\'\n', { allowEnv: ['SECRET'] }, (p: Plan) => {
      expect(p.carried.components).toEqual([{ name: 'x', token: SECRET }]);
    }],
    ['keeps mirrors data inside $SEW_HOME', 'images:\n  mirrors:\n    data: "{{ env "HOME" }}/home/mirrors-x"\n', {}, (p: Plan, root: string) => {
      expect(p.mirrors?.data).toBe(join(root, 'home/mirrors-x'));
    }],
    ['resolves a relative mirrors.data against the run\'s working directory', 'images:\n  mirrors:\n    data: ../home/mirrors-r\n', {}, (p: Plan, root: string) => {
      expect(p.mirrors?.data).toBe(join(root, 'home/mirrors-r'));
    }],
    ['names a registry url without variables', 'images:\n  registries:\n    ghcr.io:\n      url: https://ghcr-mirror.example\n', {}, (p: Plan) => {
      expect(p.registries['ghcr.io']?.url).toBe('https://ghcr-mirror.example');
    }],
  ])('%s', async (_, context, options, check) => {
    const { root } = await fetched(context);
    check(await plan(root, options), root);
  });
});

describe("the user's own layers", () => {
  it('may read any variable, name credentials and local paths, in the project file and its local registry', async () => {
    const root = tree({
      'project/reg/base/sew.yaml': 'kind:\n  name: \'{{ env "SECRET" | printf "%.4s" }}\'\nimages:\n  mirrors:\n    data: /var/tmp/sew-trust-local\n',
      'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\nimages:\n  registries:\n    ghcr.io:\n      url: "https://${SECRET}.example"\n      username: u\n      password: "${SECRET}"\n',
    });
    const p = await plan(root);
    expect(p.cluster.name).toBe('hunt');
    expect(p.mirrors?.data).toBe('/var/tmp/sew-trust-local');
    expect(p.registries['ghcr.io']?.url).toBe(`https://${SECRET}.example`);
  });

  it('a flag beside a fetched context is fetched too', async () => {
    const root = tree({ 'site/ctx/sew.yaml': 'kind: {}\n', 'site/ctx/sew.flags.yaml': 'flags: [{name: leak}]\n', 'site/ctx/sew--leak.yaml': 'kind:\n  name: \'{{ env "SECRET" }}\'\n', 'project/.keep': '' });
    const server = await serve(join(root, 'site'));
    writeFileSync(join(root, 'project/sew.yaml'), `registry: ${server.origin}/\nfrom: [ctx]\n`);
    const err = await failure(plan(root, { flags: ['leak'] }));
    expect(err.message).toMatch(/sew--leak\.yaml:2: .*not SECRET/);
  });
});

describe('a local registry through symlinks', () => {
  const outside = (root: string) => {
    mkdirSync(join(root, 'elsewhere/ctx'), { recursive: true });
    writeFileSync(join(root, 'elsewhere/ctx/sew.yaml'), 'kind:\n  name: outside\n');
    writeFileSync(join(root, 'elsewhere/secret'), `SECRET=${SECRET}\n`);
  };
  it.each([
    ['a context directory linked outside the root', (root: string) => symlinkSync(join(root, 'elsewhere/ctx'), join(root, 'project/reg/ctx')), /reg\/ctx\/sew\.yaml: is a link to a file outside its registry root/],
    ['a sew.yaml linked outside the root', (root: string) => {
      mkdirSync(join(root, 'project/reg/ctx'));
      symlinkSync(join(root, 'elsewhere/ctx/sew.yaml'), join(root, 'project/reg/ctx/sew.yaml'));
    }, /reg\/ctx\/sew\.yaml: is a link to a file outside its registry root/],
    ['a .default linked to a file of secrets', (root: string) => {
      mkdirSync(join(root, 'project/reg/ctx'));
      symlinkSync(join(root, 'elsewhere/secret'), join(root, 'project/reg/ctx/.default'));
    }, /reg\/ctx\/\.default: is a link to a file outside its registry root/],
    ['a .default linked to /proc/self/environ', (root: string) => {
      mkdirSync(join(root, 'project/reg/ctx'));
      symlinkSync('/proc/self/environ', join(root, 'project/reg/ctx/.default'));
    }, /reg\/ctx\/\.default: is a link to a file outside its registry root/],
    ['a .default inside the root holding something else than a path', (root: string) => {
      mkdirSync(join(root, 'project/reg/ctx'));
      writeFileSync(join(root, 'project/reg/ctx/.default'), `SECRET=${SECRET}\nPATH=/bin\n`);
    }, /reg\/ctx\/\.default: is not a context path/],
  ])('refuses %s without printing the file', async (_, link, message) => {
    const root = tree({ 'project/sew.yaml': 'registry: file://./reg\nfrom: [ctx]\n', 'project/reg/.keep': '' });
    outside(root);
    link(root);
    const err = await failure(plan(root, { env: { ...process.env, SECRET } }));
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(SECRET);
  });

  it('refuses a flag file linked outside its directory, and a --flag name never reaches a path', async () => {
    const root = tree({ 'project/sew.yaml': 'registry: file://./reg\nfrom: [ctx]\n', 'project/reg/ctx/sew.yaml': 'kind: {}\n', 'elsewhere/sew--x.yaml': 'kind:\n  name: outside\n' });
    const err = await failure(plan(root, { flags: ['../../../elsewhere/sew--x'] }));
    expect(err.message).toMatch(/must be a flag name|unknown context flag/);
    symlinkSync(join(root, 'elsewhere/sew--x.yaml'), join(root, 'project/reg/ctx/sew--x.yaml'));
    expect((await failure(plan(root, { flags: ['x'] }))).message).toMatch(/sew--x\.yaml: is a link to a file outside its registry root/);
  });

  it('a YAML error names file:line:col and a reason, never the text of the line', async () => {
    const root = tree({ 'project/sew.yaml': `kind:\n  name: x\n token: ${SECRET}\n  - [${SECRET}\n` });
    const err = await failure(plan(root));
    expect(err.message).toMatch(/^sew\.yaml:\d+:\d+: /);
    expect(err.message).not.toContain(SECRET);
  });
});

describe('error messages', () => {
  it('quote at most a clipped line of a template', async () => {
    const long = '1'.repeat(100_000);
    const { root } = await fetched(`kind:\n  name: "{{ ${long} }}"\n`);
    const err = await failure(plan(root));
    expect(err.message).toMatch(/ctx\/sew\.yaml:2: /);
    expect(err.message.length).toBeLessThan(400);
  });
});
