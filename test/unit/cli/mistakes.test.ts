// What a user gets wrong on the command line: one line naming it (the closest command or
// option when there is one), exit 2, and nothing started: Docker points nowhere, so a command
// that started would fail at run time (exit 1), and $SEW_HOME is never created.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const NOWHERE = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

describe('command-line mistakes', () => {
  it.each<[string[], string]>([
    // commands
    [['pln'], 'sew-ci: "pln": not a sew-ci command; did you mean "plan"?'],
    [['cache-keys'], 'sew-ci: "cache-keys": not a sew-ci command; did you mean "cache-key"?'],
    [['deploy'], `sew-ci: "deploy": not a sew-ci command; 'sew-ci help' lists them`],
    [['help', 'dwon'], 'sew-ci: "dwon": not a sew-ci command; did you mean "down"?'],
    [['help', 'plan', 'up'], 'sew-ci: sew-ci help: takes one command, not 2'],
    [['-v', 'plan'], 'sew-ci: sew-ci -v: unexpected argument "plan"'],
    // extra arguments
    [['plan', 'help'], `sew-ci: plan: unexpected argument "help"; did you mean 'sew-ci help plan'?`],
    [['up', 'now'], `sew-ci: up: unexpected argument "now"; sew-ci up takes options only (see 'sew-ci help up')`],
    [['verify', '--json', 'mongo:7'], `sew-ci: verify: unexpected argument "mongo:7"; sew-ci verify takes options only (see 'sew-ci help verify')`],
    // options: typos, misplaced, unknown
    [['plan', '--jsno'], 'sew-ci: --jsno: unknown option; did you mean --json? (a context flag by that name: --flag jsno)'],
    [['up', '--wiat', '5m'], 'sew-ci: --wiat: unknown option; did you mean --wait? (a context flag by that name: --flag wiat)'],
    [['up', '--skip-prelaod'], 'sew-ci: --skip-prelaod: unknown option; did you mean --skip-preload? (a context flag by that name: --flag skip-prelaod)'],
    [['down', '--prge'], 'sew-ci: --prge: unknown option; did you mean --purge?'],
    [['plan', '--wait', '10'], 'sew-ci: --wait: not an option of sew-ci plan (it is one of sew-ci up)'],
    [['cache-paths', '--write', 'key'], 'sew-ci: --write: not an option of sew-ci cache-paths (it is one of sew-ci cache-key)'],
    [['plan', '--no-such-flag'], `sew-ci: --no-such-flag: not an option of sew-ci plan (see 'sew-ci help plan'), nor a context flag (none is defined)`],
    [['down', '--no-es'], `sew-ci: --no-es: unknown option; see 'sew-ci help down'`],
    [['plan', '-x'], `sew-ci: -x: unknown option; see 'sew-ci help plan'`],
    [['plan', '--config'], 'sew-ci: --config: needs a value'],
    [['plan', '--config='], 'sew-ci: --config: needs a value'],
    [['plan', '--json=yes'], 'sew-ci: --json: takes no value'],
    // typed values, checked before anything starts
    [['up', '--wait', '10'], 'sew-ci: --wait: must be a duration such as 60s, 5m or 1m30s, not "10"'],
    [['up', '--wait', '1m30'], 'sew-ci: --wait: must be a duration such as 60s, 5m or 1m30s, not "1m30"'],
    [['up', '--cluster-name', 'My_Cluster'], 'sew-ci: --cluster-name: must be a lowercase DNS label (a-z, 0-9, -), not "My_Cluster"'],
    [['plan', '--cluster-name', 'My_Cluster'], 'sew-ci: --cluster-name: must be a lowercase DNS label (a-z, 0-9, -), not "My_Cluster"'],
    [['down', '--name', 'Prod'], 'sew-ci: --name: must be a lowercase DNS label (a-z, 0-9, -), not "Prod"'],
    [['up', '--flag', 'No_ES'], 'sew-ci: --flag: must be a flag name (a-z, 0-9, -), not "No_ES"'],
    [['cache-key', '--platform', 'amd64'], 'sew-ci: --platform: must be os/arch[/variant], e.g. linux/amd64, not "amd64"'],
    [['cache-key', '--platform', 'linux/amd65'], 'sew-ci: --platform: "linux/amd65": unknown architecture amd65 (known: 386, amd64, arm, arm64, loong64, mips, mipsle, mips64, mips64le, ppc64, ppc64le, riscv64, s390x, wasm)'],
    [['cache-key', '--platform', 'linx/amd64'], 'sew-ci: --platform: "linx/amd64": unknown operating system linx (known: aix, android, darwin, dragonfly, freebsd, illumos, ios, js, linux, netbsd, openbsd, plan9, solaris, wasip1, windows)'],
    [['up', '--node-image', 'x y'], 'sew-ci: --node-image: invalid image reference "x y": contains whitespace'],
    [['up', '--config', ' '], 'sew-ci: --config: needs a value'],
    [['cache-key', '--platform', 'linux/amd64', '--write', '/nonexistent/key'], 'sew-ci: --write: /nonexistent is not a directory'],
  ])('%j', async (args, stderr) => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n' });
    const home = join(dir, 'home');
    const result = await cli([...args, ...(args[0] === 'up' || args[0] === 'down' ? ['--sew-home', home] : [])], dir, { ...NOWHERE, SEW_HOME: home });
    expect(result.stderr).toBe(`${stderr}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(existsSync(home)).toBe(false);
    expect(existsSync('/nonexistent')).toBe(false);
  });

  it('a context flag close to an option is still reachable with --flag', async () => {
    const dir = writeTree({ 'sew.yaml': 'from: [base]\nregistry: file://./reg\n', 'reg/base/sew.yaml': '{}\n', 'reg/base/sew--jsno.yaml': 'description: json-ish\n' });
    const result = await cli(['plan', '--json', '--flag', 'jsno'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).flags).toEqual(['jsno']);
  });

  it.each([
    { args: ['plan', '--json', '--local'], flags: [], warned: true },
    { args: ['plan', '--json', '--flag', 'local'], flags: ['local'], warned: false },
    { args: ['plan', '--json', '--local', '--flag', 'local'], flags: ['local'], warned: false },
  ])('a context flag spelled like an option: $args', async ({ args, flags, warned }) => {
    const dir = writeTree({ 'sew.yaml': 'from: [base]\nregistry: file://./reg\n', 'reg/base/sew.yaml': '{}\n', 'reg/base/sew--local.yaml': 'description: a local flavour\n' });
    const result = await cli(args, dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).flags).toEqual(flags);
    const warning = "warning: --local: applied as sew-ci's own option, not as the context flag of that name (reg/base/sew--local.yaml); activate the flag with --flag local (action input flags: local)\n";
    expect(result.stderr).toBe(warned ? warning : '');
  });

  it('an unknown context flag names the defined ones', async () => {
    const dir = writeTree({ 'sew.yaml': 'from: [base]\nregistry: file://./reg\n', 'reg/base/sew.yaml': '{}\n', 'reg/base/sew--no-es.yaml': '{}\n' });
    const result = await cli(['plan', '--no-elastic'], dir);
    expect(result.stderr).toBe(`sew-ci: --no-elastic: not an option of sew-ci plan (see 'sew-ci help plan'), nor a context flag (available: --no-es)\n`);
    expect(result.code).toBe(2);
  });
});

describe('help and version', () => {
  const dir = writeTree({});
  it.each([[[]], [['help']], [['--help']], [['-h']]])('%j prints the usage', async (args) => {
    const result = await cli(args, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: sew-ci <command> \[options\]\n\nCommands:\n {2}plan /);
    for (const command of ['up', 'build', 'down', 'cache-key', 'cache-paths', 'cache-prune', 'verify']) expect(result.stdout).toContain(`\n  ${command} `);
  });

  it.each([[['help', 'up']], [['up', '--help']], [['up', '-h']], [['up', '--wait', 'soon', '--help']]])('%j prints the help of up, generated from its options', async (args) => {
    const result = await cli(args, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: sew-ci up \[options\]\n/);
    expect(result.stdout).toMatch(/\n {2}--wait DURATION +How long kind waits [^]*?; default 60s\.\n/);
    expect(result.stdout).toMatch(/\n {2}--no-cluster +Stop after the registries and the containerd hosts files: no Kind\s+cluster/);
    expect(result.stdout).toMatch(/\n {2}--preload REF +Extra image references [^]*?; repeatable\.\n/);
    expect(result.stdout).not.toContain('--write');
  });

  it('help build shows its operands; help down has no context flags', async () => {
    expect((await cli(['help', 'build'], dir)).stdout).toMatch(/^Usage: sew-ci build \[NAME\.\.\.\] \[options\]/);
    expect((await cli(['help', 'down'], dir)).stdout).not.toContain('--NAME');
  });

  it.each([[['-v']], [['--version']], [['version']]])('%j prints the version', async (args) => {
    const result = await cli(args, dir);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^sew-ci \d+\.\d+\.\d+\n$/), stderr: '' });
  });
});
