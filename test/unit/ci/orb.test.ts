// The CircleCI orb, packed the way `circleci orb pack` does (the CLI is not available here),
// and checked: it parses, every parameter is used, examples and jobs name real commands,
// every sew-ci call uses a command and options the CLI has, `~` paths reach sew-ci and
// save_cache alike, and kind comes from `sew-ci tools` with a cache entry of its own.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const ROOT = 'orb';
type Orb = Record<string, unknown> & {
  commands: Record<string, Definition>;
  jobs: Record<string, Definition>;
  executors: Record<string, Definition>;
  examples: Record<string, { usage: Record<string, unknown> }>;
};
type Definition = { parameters?: Record<string, { type: string; default?: unknown }>; steps?: unknown[] } & Record<string, unknown>;

/** `<<include(scripts/x.sh)>>` as `circleci orb pack` resolves it: the file's text as the value. */
function includes(value: unknown): unknown {
  if (typeof value === 'string') {
    const include = /^<<include\(([^)]+)\)>>$/.exec(value.trim());
    return include ? readFileSync(join(ROOT, include[1]!), 'utf8') : value;
  }
  if (Array.isArray(value)) return value.map(includes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, includes(v)]));
  return value;
}

function pack(): Orb {
  const orb = parse(readFileSync(join(ROOT, '@orb.yml'), 'utf8')) as Record<string, unknown>;
  for (const section of ['commands', 'jobs', 'executors', 'examples']) {
    orb[section] = Object.fromEntries(
      readdirSync(join(ROOT, section)).map((file) => [basename(file, '.yml'), includes(parse(readFileSync(join(ROOT, section, file), 'utf8')))]),
    );
  }
  return orb as Orb;
}

type Step = Record<string, Record<string, unknown>>;
/** Every step of a command, `when` branches included. */
function steps(definition: Definition): Step[] {
  return (definition.steps as Step[]).flatMap((step) => (step.when ? [step, ...steps(step.when as Definition)] : [step]));
}
const defaults = (definition: Definition) => Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([k, p]) => [k, String(p.default ?? '')]));
/** A parameter-bearing text with the parameters' defaults in. */
const withDefaults = (text: string, definition: Definition) => text.replace(/<<\s*parameters\.([\w-]+)\s*>>/g, (_, name: string) => defaults(definition)[name]!);

const orb = pack();
const definitions = [...Object.entries(orb.commands), ...Object.entries(orb.jobs), ...Object.entries(orb.executors)];

describe('the orb', () => {
  it('packs into one orb with a version and description', () => {
    expect(orb.version).toBe(2.1);
    expect(typeof orb.description).toBe('string');
    expect(Object.keys(orb.commands).sort()).toEqual(['setup', 'teardown']);
  });

  it.each(definitions)('%s uses every parameter it declares, and declares every one it uses', (_, definition) => {
    const { parameters = {}, ...body } = definition;
    const text = JSON.stringify(body);
    const used = new Set([...text.matchAll(/<<[#^/]?\s*parameters\.([\w-]+)\s*>>/g)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(Object.keys(parameters).sort());
  });

  it('runs on the machine executor', () => {
    expect(orb.executors.machine?.parameters?.image?.default).toMatch(/^ubuntu-/);
    expect(orb.executors.machine?.machine).toMatchObject({ image: '<< parameters.image >>' });
    expect(orb.jobs.test?.executor).toMatchObject({ name: 'machine' });
  });

  it('restores in setup; teardown prunes, then saves under plan key + content', () => {
    const restore = steps(orb.commands.setup!).find((s) => JSON.stringify(s.restore_cache ?? '').includes('/tmp/sew-cache-key'))!.restore_cache!;
    expect(restore.keys).toEqual(['<< parameters.cache-key-prefix >>{{ checksum "/tmp/sew-cache-key" }}-', '<< parameters.cache-key-prefix >>']);
    const teardown = steps(orb.commands.teardown!);
    const save = teardown.find((s) => s.save_cache)!.save_cache!;
    expect(save.key).toBe('<< parameters.cache-key-prefix >>{{ checksum "/tmp/sew-cache-key" }}-{{ checksum "/tmp/sew-cache-content" }}');
    expect(save.paths).toEqual(['<< parameters.sew-home >>/preload', '<< parameters.sew-home >>/mirrors/data']);
    const before = teardown.slice(0, teardown.findIndex((s) => s.save_cache)).map((s) => String(s.run?.command ?? '')).join('\n');
    expect(before).toMatch(/down[\s\S]*cache-prune[\s\S]*cache-key .*--content/);
  });

  it('restores and saves the node image under its own key, written by cache-key --entry node-image after the kind install', () => {
    const setup = steps(orb.commands.setup!);
    const restores = setup.filter((s) => s.restore_cache).map((s) => s.restore_cache!.keys);
    expect(restores).toContainEqual(['<< parameters.cache-key-prefix >>node-{{ checksum "/tmp/sew-node-image-key" }}']);
    const keyStep = setup.findIndex((s) => String(s.run?.command ?? '').includes('--entry node-image" > /tmp/sew-node-image-key'));
    expect(keyStep).toBeGreaterThan(setup.findIndex((s) => JSON.stringify(s).includes('Install kind')));
    const saves = steps(orb.commands.teardown!).filter((s) => s.save_cache).map((s) => s.save_cache!);
    // After the registry data's two saves, one per shape of its paths.
    expect(saves[2]).toMatchObject({ key: '<< parameters.cache-key-prefix >>node-{{ checksum "/tmp/sew-node-image-key" }}', paths: ['<< parameters.sew-home >>/node-image'] });
  });

  it.each<[string, Record<string, string>, number]>([
    ['local-cache off', {}, 0],
    ['local-cache on', { SEW_LOCAL: 'true', SEW_LOCAL_CACHE: 'true' }, 1],
  ])('with sew-home ~/.sew and %s, sew-ci caches the directories save_cache saves', async (_, given, saveIndex) => {
    const setup = orb.commands.setup!;
    const gather = steps(setup)[0]!.run!;
    const argsFile = join(writeTree({}), 'plan-args');
    const env = { ...Object.fromEntries(Object.entries(gather.environment as Record<string, string>).map(([k, v]) => [k, withDefaults(v, setup)])), ...given };
    expect(env.SEW_HOME_DIR).toBe('~/.sew');
    const script = String(gather.command).replaceAll('/tmp/sew-plan-args', argsFile);
    expect(spawnSync('bash', ['-eoc', 'pipefail', script], { env: { ...env, PATH: process.env.PATH } }).status).toBe(0);
    // The file is read back as the later steps do: `eval "... $(cat /tmp/sew-plan-args)"`.
    const decoded = spawnSync('bash', ['-c', `eval "printf '%s\\n' $(cat ${argsFile})"`], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(decoded).toContain('~/.sew');
    const home = writeTree({ 'sew.yaml': 'images:\n  mirrors: {}\n  preload:\n    refs: [mongo:7]\n' });
    const result = await cli(['cache-paths', ...decoded], home, { HOME: home });
    expect(result.stderr).toBe('');
    // CircleCI expands a leading ~ in save_cache paths to the home directory.
    const saved = (steps(orb.commands.teardown!).filter((s) => s.save_cache)[saveIndex]!.save_cache!.paths as string[]).map((p) => withDefaults(p, orb.commands.teardown!).replace(/^~/, home));
    expect(result.stdout.trim().split('\n')).toEqual(saved);
  });

  it.each(['kind', 'kubectl'])('installs %s with sew-ci tools, restored from and saved to its own entry, on the PATH of later steps', (tool) => {
    const text = JSON.stringify(orb.commands.setup);
    const key = `<< parameters.cache-key-prefix >>tools-${tool}-<< parameters.${tool}-version >>-{{ arch }}`;
    const setup = steps(orb.commands.setup!);
    const install = setup.findIndex((s) => String(s.run?.command ?? '').includes(`tools --${tool}-version << parameters.${tool}-version >>`));
    expect(install).toBeGreaterThan(-1);
    expect(setup.findIndex((s) => JSON.stringify(s.restore_cache?.keys ?? []) === JSON.stringify([key]))).toBe(install - 1);
    expect(setup[install + 1]?.save_cache).toMatchObject({ key, paths: [`<< parameters.sew-home >>/tools/${tool}`] });
    expect(text).toContain('>> \\"$BASH_ENV\\"');
  });

  it('passes local, local-cache, verify and build to the CLI', () => {
    const text = JSON.stringify(orb.commands.setup);
    expect(text).toContain('args+=(--local)');
    expect(text).toContain('args+=(--local-cache)');
    expect(text).toContain('<<# parameters.verify >>--verify<</ parameters.verify >>');
    expect(text).toContain('<<# parameters.build >>--build<</ parameters.build >>');
  });

  it('takes lists with the action’s separators: words by spaces, commas or lines', () => {
    const setup = orb.commands.setup!;
    const gather = steps(setup)[0]!.run!;
    const argsFile = join(writeTree({}), 'plan-args');
    const env = { ...Object.fromEntries(Object.entries(gather.environment as Record<string, string>).map(([k, v]) => [k, withDefaults(v, setup)])), SEW_FLAGS: '--no-es, big\nsmall', SEW_MIRRORS: 'ghcr.io,quay.io', SEW_PRELOAD: 'mongo:7\nredis:7 nginx:1' };
    expect(spawnSync('bash', ['-eoc', 'pipefail', String(gather.command).replaceAll('/tmp/sew-plan-args', argsFile)], { env: { ...env, PATH: process.env.PATH } }).status).toBe(0);
    const decoded = spawnSync('bash', ['-c', `eval "printf '%s\\n' $(cat ${argsFile})"`], { encoding: 'utf8' }).stdout.trim().split('\n');
    const pairs = decoded.flatMap((a, i) => (['--flag', '--mirror', '--preload'].includes(a) ? [`${a} ${decoded[i + 1]}`] : []));
    expect(pairs).toEqual(['--flag no-es', '--flag big', '--flag small', '--preload mongo:7', '--preload redis:7', '--preload nginx:1', '--mirror ghcr.io', '--mirror quay.io']);
  });

  it('teardown saves as the action’s save input says: always, on the default branch, or never', () => {
    const saving = JSON.stringify(orb.commands.teardown!.steps);
    expect(orb.commands.teardown!.parameters!.save).toMatchObject({ type: 'enum', default: 'always' });
    expect(saving).toContain('{"equal":["always","<< parameters.save >>"]}');
    expect(saving).toContain('{"equal":["<< parameters.default-branch >>","<< pipeline.git.branch >>"]}');
  });

  it('the test job takes every parameter of setup and teardown, with their types and defaults, and passes it on', () => {
    const job = orb.jobs.test!;
    const passed = (command: string) => (job.steps as Step[]).find((s) => s[command])![command]!;
    for (const command of ['setup', 'teardown']) {
      for (const [name, declared] of Object.entries(orb.commands[command]!.parameters!)) {
        // Shared ones (sew-home, cache, ...) are declared once, for both: same type and default.
        expect(job.parameters![name], `${command} ${name}`).toMatchObject({ type: declared.type, default: declared.default });
        expect(passed(command)[name], `${command} ${name}`).toBe(`<< parameters.${name} >>`);
      }
    }
  });

  it('examples and jobs reference commands, jobs and executors the orb has', () => {
    const names = (prefix: string) => new Set(Object.keys(orb[prefix] as object).map((n) => `sew/${n}`));
    const known = new Set([...names('commands'), ...names('jobs'), ...names('executors')]);
    const referenced = JSON.stringify(orb.examples).match(/"sew\/[\w-]+/g)!.map((r) => r.slice(1));
    expect(referenced.length).toBeGreaterThan(0);
    for (const ref of referenced) expect(known, ref).toContain(ref);
    const local = JSON.stringify(orb.jobs.test?.steps);
    for (const step of ['setup', 'teardown']) expect(local).toContain(`"${step}"`);
  });

  it('calls only sew-ci commands and options the CLI has', async () => {
    const { COMMANDS, cliOptions } = await import('../../../src/core/options/options.js');
    const lines = [...JSON.stringify(orb).matchAll(/"command":"((?:[^"\\]|\\.)*)"/g)]
      .map((m) => JSON.parse(`"${m[1]}"`) as string)
      .flatMap((script) => script.replace(/\\\n\s*/g, ' ').split('\n'))
      .filter((line) => line.includes('sew-ci@'));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    // Plan options gathered once into /tmp/sew-plan-args: each must be a plan option.
    const gathered = [...JSON.stringify(orb.commands.setup).matchAll(/args\+?=\((--[\w-]+)/g)].map((m) => m[1]!.slice(2));
    expect(gathered.length).toBeGreaterThanOrEqual(8);
    for (const option of gathered) expect(cliOptions('plan'), option).toContain(option);
    for (const line of lines) {
      const [, command, rest] = /sew-ci@(?:<< parameters\.version >>|\$\(cat \/tmp\/sew-ci-version\)) ([\w-]+)(.*)$/.exec(line)!;
      if (line.includes('$(cat /tmp/sew-plan-args)')) expect(['cache-key', 'up', 'plan', 'cache-paths', 'cache-prune']).toContain(command);
      expect(COMMANDS).toContain(command);
      // Mustache sections name parameters, not options; `<< parameters.flags >>` holds context flags.
      const options = rest!.replace(/<<[#^/]?[^>]*>>/g, ' ').match(/--[\w-]+/g) ?? [];
      for (const option of options) expect(cliOptions(command as (typeof COMMANDS)[number]), `${command} ${option}`).toContain(option.slice(2));
    }
  });
});
