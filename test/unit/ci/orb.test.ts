// The CircleCI orb, packed the way `circleci orb pack` does (the CLI is not available here),
// and checked: it parses, every parameter is used, examples and jobs name real commands,
// and every sew-ci call uses a command and options the CLI has.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = 'orb';
type Orb = Record<string, unknown> & {
  commands: Record<string, Definition>;
  jobs: Record<string, Definition>;
  executors: Record<string, Definition>;
  examples: Record<string, { usage: Record<string, unknown> }>;
};
type Definition = { parameters?: Record<string, { type: string; default?: unknown }>; steps?: unknown[] } & Record<string, unknown>;

function pack(): Orb {
  const orb = parse(readFileSync(join(ROOT, '@orb.yml'), 'utf8')) as Record<string, unknown>;
  for (const section of ['commands', 'jobs', 'executors', 'examples']) {
    orb[section] = Object.fromEntries(
      readdirSync(join(ROOT, section)).map((file) => [basename(file, '.yml'), parse(readFileSync(join(ROOT, section, file), 'utf8'))]),
    );
  }
  return orb as Orb;
}

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

  it('saves under plan key + content and restores with fallbacks', () => {
    const text = JSON.stringify(orb.commands.setup);
    expect(text).toContain('{{ checksum \\"/tmp/sew-cache-key\\" }}-{{ checksum \\"/tmp/sew-cache-content\\" }}');
    expect(text).toContain('<< parameters.sew-home >>/preload');
    expect(text).toContain('<< parameters.sew-home >>/mirrors/data');
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
    const { COMMAND_OPTIONS } = await import('../../../src/cli/run.js');
    const lines = [...JSON.stringify(orb).matchAll(/"command":"((?:[^"\\]|\\.)*)"/g)]
      .map((m) => JSON.parse(`"${m[1]}"`) as string)
      .flatMap((script) => script.replace(/\\\n\s*/g, ' ').split('\n'))
      .filter((line) => line.includes('sew-ci@'));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // Plan options gathered once into /tmp/sew-plan-args: each must be a plan option.
    const gathered = [...JSON.stringify(orb.commands.setup).matchAll(/args\+?=\((--[\w-]+)/g)].map((m) => m[1]!.slice(2));
    expect(gathered.length).toBeGreaterThanOrEqual(8);
    for (const option of gathered) expect(Object.keys(COMMAND_OPTIONS.plan!), option).toContain(option);
    for (const line of lines) {
      const [, command, rest] = /sew-ci@<< parameters\.version >> ([\w-]+)(.*)$/.exec(line)!;
      if (line.includes('$(cat /tmp/sew-plan-args)')) expect(['cache-key', 'up', 'plan', 'cache-paths']).toContain(command);
      expect(Object.keys(COMMAND_OPTIONS)).toContain(command);
      // Mustache sections name parameters, not options; `<< parameters.flags >>` holds context flags.
      const options = rest!.replace(/<<[#^/]?[^>]*>>/g, ' ').match(/--[\w-]+/g) ?? [];
      for (const option of options) expect(Object.keys(COMMAND_OPTIONS[command!]!), `${command} ${option}`).toContain(option.slice(2));
    }
  });
});
