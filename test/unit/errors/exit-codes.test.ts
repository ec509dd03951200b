// The one map from what went wrong to the exit code, for every error a caller can see.
import { describe, expect, it } from 'vitest';
import { HelperMissingError } from '../../../src/core/credentials/credential-helper.js';
import { exitCodeFor, InputError, InterruptedError, RuntimeError, UnknownContextFlagError } from '../../../src/core/errors.js';
import { ImageReferenceError } from '../../../src/core/images/reference.js';

describe('exitCodeFor', () => {
  it.each([
    ['an input error', new InputError('sew.yaml:3:5', 'bad'), 2],
    ['an unknown context flag', new UnknownContextFlagError('ui', ['db']), 2],
    ['a runtime error', new RuntimeError('Docker is down'), 1],
    ['a runtime subclass', new HelperMissingError('docker-credential-x is not on PATH'), 1],
    ['a bug', new Error('impossible'), 1],
    ['a bad reference nobody placed', new ImageReferenceError('empty image reference'), 1],
    ['not an Error at all', 'text', 1],
    ['SIGINT', new InterruptedError('SIGINT'), 130],
    ['SIGTERM', new InterruptedError('SIGTERM'), 143],
    ['SIGHUP', new InterruptedError('SIGHUP'), 129],
    ['an interrupt of no known signal', new InterruptedError('signal'), 130],
  ])('%s -> %i', (_, err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });

  it('names the signal in what the user reads', () => {
    expect(new InterruptedError('SIGTERM').message).toBe('interrupted by SIGTERM');
  });
});
