// A command loads only what it uses: the commands that only read configuration never
// compile the Docker client or the GitHub toolkit, and `--version` and `--help` not even
// the config parser. Built by the real build script into a directory with no node_modules,
// run with a hook that records every file Node loads, mapped back to the packages bundled
// in each file by esbuild's metafile.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from '../../support/tree.js';

const RECORDER = resolve('test/support/load-recorder/register.mjs');
const DOCKER = ['dockerode', 'docker-modem', 'ssh2', '@grpc/', 'protobufjs'];
const ACTIONS = ['@actions/', '@azure/'];
const CONFIG = ['zod', 'yaml'];

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

let root = '';
let dist = '';
let project = '';
let packagesOf: Map<string, Set<string>>;

beforeAll(() => {
  root = tempDir('sew-start-up-');
  dist = join(root, 'dist');
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', dist, '--metafile', join(root, 'meta.json')], { encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  writeFileSync(join(dist, 'package.json'), '{"type":"module"}\n');
  const meta = JSON.parse(readFileSync(join(root, 'meta.json'), 'utf8')) as Metafile;
  packagesOf = new Map(Object.entries(meta.outputs).map(([file, out]) => [resolve(file), new Set(Object.keys(out.inputs).map(packageOf))]));
  project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'sew.yaml'), 'images:\n  preload:\n    refs: [mongo:7]\n');
}, 60_000);


/** The package an input of the bundle comes from ("src" for ours). */
function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return 'src';
  const [scope, name] = input.slice(at + 'node_modules/'.length).split('/');
  return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
}

/** Runs an entry of the built dist and returns its exit code, output and the packages it loaded. */
function runEntry(entry: string, args: string[], env: Record<string, string> = {}) {
  const loadedFile = join(root, `loaded-${Math.random().toString(36).slice(2)}`);
  writeFileSync(loadedFile, '');
  const run = spawnSync(process.execPath, ['--import', RECORDER, join(dist, entry), ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: root, SEW_LOADED: loadedFile, ...env },
  });
  const files = readFileSync(loadedFile, 'utf8').split('\n').filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
  const packages = new Set(files.flatMap((file) => [...(packagesOf.get(file) ?? [])]));
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, files, packages: [...packages].sort() };
}

const matching = (packages: string[], prefixes: string[]) => packages.filter((p) => prefixes.some((prefix) => p === prefix || (prefix.endsWith('/') && p.startsWith(prefix))));

describe('start-up: what each command loads', () => {
  const cases: { name: string; entry: string; args: string[]; env?: Record<string, string>; code: number; output: RegExp; absent: string[]; present: string[] }[] = [
    { name: '--version', entry: 'cli.js', args: ['--version'], code: 0, output: /^sew-ci \d+\.\d+\.\d+\n$/, absent: [...DOCKER, ...ACTIONS, ...CONFIG], present: [] },
    { name: '--help', entry: 'cli.js', args: ['--help'], code: 0, output: /^Usage: sew-ci <command>/, absent: [...DOCKER, ...ACTIONS, ...CONFIG], present: [] },
    { name: 'up --help', entry: 'cli.js', args: ['up', '--help'], code: 0, output: /^Usage: sew-ci up /, absent: [...DOCKER, ...ACTIONS, ...CONFIG], present: [] },
    { name: 'plan --json', entry: 'cli.js', args: ['plan', '--json'], code: 0, output: /"docker\.io\/library\/mongo:7"/, absent: [...DOCKER, ...ACTIONS], present: CONFIG },
    { name: 'cache-key', entry: 'cli.js', args: ['cache-key'], code: 0, output: /^sew-v\d+-/, absent: [...DOCKER, ...ACTIONS], present: CONFIG },
    { name: 'cache-paths', entry: 'cli.js', args: ['cache-paths'], code: 0, output: /\.sew\/preload\n/, absent: [...DOCKER, ...ACTIONS], present: CONFIG },
    { name: 'verify (nothing preloaded)', entry: 'cli.js', args: ['verify'], code: 1, output: /0 of 1 image\(s\) complete/, absent: [...DOCKER, ...ACTIONS], present: CONFIG },
    // The action runs from dist alone, and stops on a bad input before it loads the Docker
    // client; a post step with nothing to save never loads it either.
    { name: 'action main, bad input', entry: 'main.js', args: [], env: { INPUT_WAIT: 'soon' }, code: 1, output: /::error::input wait: must be a duration/, absent: DOCKER, present: ['@actions/core', 'zod'] },
    { name: 'action post, nothing to save', entry: 'post.js', args: [], code: 0, output: /nothing to clean up/, absent: DOCKER, present: ['@actions/core'] },
  ];

  it.each(cases)('$name', ({ entry, args, env, code, output, absent, present }) => {
    const run = runEntry(entry, args, env);
    expect(run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|SyntaxError|Cannot find/);
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(output);
    expect(run.files.length).toBeGreaterThan(0);
    expect(matching(run.packages, absent)).toEqual([]);
    for (const p of present) expect(matching(run.packages, [p]).length, `${p} loaded`).toBeGreaterThan(0);
  });
});

describe('the bundle alone, with no node_modules', () => {
  it('plans a layered config', () => {
    const config = join(writeTree({ 'reg/base/sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n', 'sew.yaml': 'registry: file://./reg\nfrom: [base]\n' }), 'sew.yaml');
    const run = runEntry('cli.js', ['plan', '--json', '--config', config]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { preload: { refs: string[] } }).preload.refs).toEqual(['docker.io/library/mongo:7']);
  });

  it('exits 2 with one line on bad input', () => {
    const config = join(writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: ["Bad"]\n' }), 'sew.yaml');
    const run = runEntry('cli.js', ['plan', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`sew-ci: ${config}:3:12: invalid image reference "Bad": repository must be lowercase\n`);
  });

  it('ends quietly when its reader goes away', () => {
    // The reader closes its end at once: every write of the help finds no reader (EPIPE).
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${join(dist, 'cli.js')}" help up | (exec 0<&-; sleep 0.3)`], { encoding: 'utf8', cwd: project });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
