// The options table is the one source: action.yml declares exactly its inputs with its
// descriptions and defaults, every input has a CLI option unless it says why not, and the orb's
// parameters that name options agree with them.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cliName, COMMANDS, declaration, inputDescription, inputOptions, OPTIONS, optionsOf, type OptionName } from '../../../src/core/options/options.js';
import { checkValues } from '../../../src/core/options/values.js';

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { description: string; default: string }> };
const names = Object.keys(OPTIONS) as OptionName[];

describe('the options table', () => {
  it('action.yml declares exactly the inputs, with their descriptions and defaults', () => {
    expect(Object.keys(action.inputs)).toEqual(inputOptions());
    for (const name of inputOptions()) {
      const { value, default: fallback } = declaration(name);
      expect(action.inputs[name], name).toEqual({ description: inputDescription(name), default: fallback ?? (value === 'boolean' ? 'false' : '') });
    }
  });

  it('every input has a CLI option, or says why the CLI has none', () => {
    const actionOnly = inputOptions().filter((name) => declaration(name).commands.length === 0);
    expect(actionOnly).toEqual(['cache', 'save']);
    for (const name of actionOnly) expect(declaration(name).actionOnly, name).toBeTruthy();
    for (const name of names) if (declaration(name).actionOnly) expect(declaration(name).commands, name).toEqual([]);
  });

  it('every command spells each of its options once', () => {
    for (const command of COMMANDS) {
      const spelled = optionsOf(command).map(cliName);
      expect(new Set(spelled).size, command).toBe(spelled.length);
      expect(spelled, command).not.toContain('help');
    }
  });

  it('every default is a valid value of its option', () => {
    const withDefaults = names.filter((name) => declaration(name).default !== undefined);
    expect(withDefaults.length).toBeGreaterThan(0);
    expect(() => checkValues({}, (name) => name)).not.toThrow();
  });

  it("the orb's parameters that name an option are that option, with its kind", () => {
    // default-branch: CircleCI cannot tell the repository's default branch; the action reads it from the event.
    const ORB_ONLY = ['version', 'docker-layer-caching', 'steps', 'default-branch'];
    for (const file of ['commands/setup.yml', 'commands/teardown.yml', ...readdirSync('orb/jobs').map((f) => `jobs/${f}`)]) {
      const parameters = (parse(readFileSync(`orb/${file}`, 'utf8')) as { parameters?: Record<string, { type: string }> }).parameters ?? {};
      for (const [name, { type }] of Object.entries(parameters)) {
        if (ORB_ONLY.includes(name)) continue;
        expect(names, `${file}: ${name}`).toContain(name);
        expect(type === 'boolean', `${file}: ${name} is ${type}`).toBe(declaration(name as OptionName).value === 'boolean');
      }
    }
  });
});
