// The cache registry as the user sets it: where it is written (option, the user's own
// sew.yaml, never a fetched context), its syntax, and the mode each place gives it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRegistryDefault } from '../../../src/action/save-policy.js';
import { InputError } from '../../../src/core/errors.js';
import { cacheRepository, parseCacheRegistry } from '../../../src/core/images/cache-registry.js';
import { parseReference } from '../../../src/core/images/reference.js';
import { checkValues } from '../../../src/core/options/values.js';
import { cliWhere } from '../../../src/core/options/options.js';
import type { PlanOptions } from '../../../src/core/plan.js';
import { disposables } from '../../support/disposables.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { serveDirectory } from '../../support/static-server.js';
import { tempDir } from '../../support/tree.js';

const { tree, add } = disposables();

function plan(files: Record<string, string>, options: Partial<PlanOptions> = {}) {
  const root = tree({ 'project/.keep': '', ...files });
  return resolvePlan({ cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, 'home'), platform: 'linux/amd64', ...options });
}

describe('the cache registry location', () => {
  it.each([
    ['ghcr.io/acme/sew-cache', { host: 'ghcr.io', path: 'acme/sew-cache' }],
    ['localhost:5000', { host: 'localhost:5000', path: '' }],
    ['127.0.0.1:5001/cache/', { host: '127.0.0.1:5001', path: 'cache' }],
    ['Registry.Example.com/a/b.c_d', { host: 'registry.example.com', path: 'a/b.c_d' }],
  ])('%s is %j', (text, location) => {
    expect(parseCacheRegistry(text)).toEqual(location);
  });

  it.each([
    ['https://ghcr.io/acme', 'without a scheme'],
    ['acme/sew-cache', 'must start with a registry host'],
    ['ghcr.io/Acme', 'bad path component "Acme"'],
    ['ghcr.io/a//b', 'bad path component ""'],
    ['localhost:99999', 'port 99999 out of range'],
  ])('%s is refused: %s', (text, problem) => {
    expect(() => checkValues({ 'cache-registry': [text] }, cliWhere)).toThrow(problem);
    expect(() => checkValues({ 'cache-registry': [text] }, cliWhere)).toThrow(/^--cache-registry: /);
  });

  it.each([
    ['ghcr.io/acme/sew-cache', 'upstream.test:5900/team/api:1', 'acme/sew-cache/upstream.test_5900/team/api'],
    ['localhost:5000', 'postgres:16', 'docker.io/library/postgres'],
  ])('%s keeps %s in %s', (registry, ref, repository) => {
    expect(cacheRepository(parseCacheRegistry(registry), parseReference(ref))).toBe(repository);
  });

  it('a mode is read or readwrite', () => {
    expect(() => checkValues({ 'cache-registry-mode': ['write'] }, cliWhere)).toThrow('--cache-registry-mode: must be read or readwrite, not "write"');
  });
});

describe('the plan', () => {
  it.each([
    ['no cache registry anywhere', {}, {}, null],
    ['the option, read by default', {}, { cacheRegistry: 'ghcr.io/acme/c' }, { ref: 'ghcr.io/acme/c', mode: 'read', where: 'cache registry', modeFrom: 'default' }],
    ['the option and its mode', {}, { cacheRegistry: 'ghcr.io/acme/c', cacheRegistryMode: 'readwrite' }, { mode: 'readwrite', modeFrom: 'cache registry mode' }],
    [
      'the project file',
      { 'project/sew.yaml': 'images:\n  cacheRegistry: ghcr.io/acme/c\n  cacheRegistryMode: readwrite\n' },
      {},
      { host: 'ghcr.io', path: 'acme/c', mode: 'readwrite', where: expect.stringMatching(/sew\.yaml:2:18$/), modeFrom: expect.stringMatching(/sew\.yaml:3:22$/) },
    ],
    ['the user file', { 'home/sew.yaml': 'images:\n  cacheRegistry: localhost:5000\n' }, {}, { ref: 'localhost:5000', mode: 'read' }],
    ['options over the file', { 'project/sew.yaml': 'images:\n  cacheRegistry: ghcr.io/a\n  cacheRegistryMode: readwrite\n' }, { cacheRegistry: 'ghcr.io/b', cacheRegistryMode: 'read' }, { ref: 'ghcr.io/b', mode: 'read' }],
    [
      "the action's branch default when no mode is given",
      { 'project/sew.yaml': 'images:\n  cacheRegistry: ghcr.io/a\n' },
      { cacheRegistryDefault: { mode: 'readwrite', why: 'the default branch (main)' } },
      { mode: 'readwrite', modeFrom: 'the default branch (main)' },
    ],
    [
      "a mode in the file over the action's default",
      { 'project/sew.yaml': 'images:\n  cacheRegistry: ghcr.io/a\n  cacheRegistryMode: read\n' },
      { cacheRegistryDefault: { mode: 'readwrite', why: 'the default branch (main)' } },
      { mode: 'read' },
    ],
  ] as const)('%s', async (_, files, options, expected) => {
    const { cacheRegistry } = await plan(files, options as Partial<PlanOptions>);
    if (expected === null) expect(cacheRegistry).toBeNull();
    else expect(cacheRegistry).toMatchObject(expected);
  });

  it('a bad location in sew.yaml names its line', async () => {
    const err = await plan({ 'project/sew.yaml': 'images:\n  cacheRegistry: sew-cache\n' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/sew\.yaml:2:18: "sew-cache" must start with a registry host/);
  });

  it.each(['cacheRegistry: evil.example.com/x', 'cacheRegistryMode: readwrite'])('a fetched context cannot set %s', async (line) => {
    const site = tree({ 'ctx/sew.yaml': `images:\n  ${line}\n` });
    const server = await serveDirectory(site);
    add(() => server.close());
    const err = await plan({ 'project/sew.yaml': `registry: ${server.origin}/\nfrom: [ctx]\n` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain(`a fetched context cannot set images.${line.split(':')[0]}`);
  });
});

describe("the action's default mode", () => {
  const event = (payload: string) => {
    const path = join(tempDir('event-'), 'event.json');
    writeFileSync(path, payload);
    return path;
  };
  const main = event('{"repository": {"default_branch": "main"}}');
  it.each([
    [{ GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: main }, 'readwrite', 'the default branch (main)'],
    [{ GITHUB_REF: 'refs/heads/feature', GITHUB_EVENT_PATH: main }, 'read', 'not the default branch (refs/heads/feature)'],
    [{ GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_PATH: main }, 'read', 'not the default branch (refs/pull/7/merge)'],
    [{ GITHUB_REF: 'refs/heads/main' }, 'read', 'the event payload names no default branch'],
  ])('%j: %s', (env, mode, why) => {
    expect(cacheRegistryDefault(env)).toEqual({ mode, why });
  });
});
