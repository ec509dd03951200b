// Runs the action's main and post in-process the way the runner does: inputs as INPUT_*,
// outputs, state and summary through the files the runner hands over, state back as STATE_*.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { vi } from 'vitest';
import { tempDir } from './tree.js';

export interface StepFiles {
  output: string;
  state: string;
  summary: string;
}

export function stepFiles(): StepFiles {
  const dir = tempDir('gh-step-');
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

/** Sets the environment of one step; returns a function that reads what it wrote. */
export function runnerEnv(inputs: Record<string, string>, files: StepFiles, state: Record<string, string> = {}, env: Record<string, string> = {}): void {
  vi.unstubAllEnvs();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('STATE_')) vi.stubEnv(key, undefined);
  for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
  for (const [name, value] of Object.entries(state)) vi.stubEnv(`STATE_${name}`, value);
  vi.stubEnv('GITHUB_OUTPUT', files.output);
  vi.stubEnv('GITHUB_STATE', files.state);
  vi.stubEnv('GITHUB_STEP_SUMMARY', files.summary);
  // The summary keeps the first path it read for the process: each step here has its own file.
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
  process.exitCode = undefined;
}

/** The `name<<delimiter` records @actions/core writes to GITHUB_OUTPUT and GITHUB_STATE. */
export function readRecords(path: string): Record<string, string> {
  const text = readFileSync(path, 'utf8');
  const out: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) out[match[1]!] = match[3]!;
  return out;
}
