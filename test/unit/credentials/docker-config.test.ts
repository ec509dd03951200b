import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { Credentials } from '../../../src/core/oci/access.js';
import { HelperMissingError, runCredentialHelper, type CredentialHelperRunner } from '../../../src/core/credentials/credential-helper.js';
import { credentialKey, dockerConfigCredentials } from '../../../src/core/credentials/docker-config.js';
import { tempDir } from '../../support/tree.js';

const HUB = 'https://index.docker.io/v1/';
const auth = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

let root: string;
let dirs = 0;
beforeAll(() => {
  root = tempDir('sew-docker-config-test-');
});

function configDir(config: unknown): string {
  const dir = join(root, `config-${dirs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

/** A runner that answers from a table and records what it was asked. */
function fakeRunner(answers: Record<string, Credentials | undefined | Error>): CredentialHelperRunner & { calls: string[] } {
  const calls: string[] = [];
  const runner = async (helper: string, server: string) => {
    calls.push(`${helper} ${server}`);
    const answer = answers[helper];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(runner, { calls });
}

describe('credentialKey', () => {
  it.each([
    [HUB, HUB],
    ['docker.io', HUB],
    ['index.docker.io', HUB],
    ['registry-1.docker.io', HUB],
    ['https://ghcr.io', 'ghcr.io'],
    ['ghcr.io/v2/', 'ghcr.io'],
    ['HTTP://Example.com:5000/x', 'example.com:5000'],
    ['127.0.0.1:5001', '127.0.0.1:5001'],
  ])('%s -> %s', (server, key) => {
    expect(credentialKey(server)).toBe(key);
  });
});

describe('dockerConfigCredentials', () => {
  const alice = { username: 'alice', password: 'a-s3cret' };

  it.each([
    ['inline auth under a URL key', { auths: { 'https://ghcr.io': { auth: auth('alice', 'a-s3cret') } } }, 'ghcr.io', alice],
    ['password containing colons', { auths: { 'ghcr.io': { auth: auth('alice', 'a:b:c') } } }, 'ghcr.io', { username: 'alice', password: 'a:b:c' }],
    ['Docker Hub under its legacy key, asked as the API host', { auths: { [HUB]: { auth: auth('alice', 'a-s3cret') } } }, 'registry-1.docker.io', alice],
    ['Docker Hub under docker.io, asked as docker.io', { auths: { 'docker.io': { auth: auth('alice', 'a-s3cret') } } }, 'docker.io', alice],
    ['username and password fields', { auths: { 'quay.io': { username: 'alice', password: 'a-s3cret' } } }, 'quay.io', alice],
    ['another host only', { auths: { 'quay.io': { auth: auth('alice', 'x') } } }, 'ghcr.io', undefined],
    ['an empty entry left by a credential store', { auths: { 'ghcr.io': {} } }, 'ghcr.io', undefined],
    ['no auths at all', {}, 'ghcr.io', undefined],
  ])('%s', async (_name, config, host, expected) => {
    const lookup = dockerConfigCredentials({}, { configDir: configDir(config), runHelper: fakeRunner({}) });
    expect(await lookup(host)).toEqual(expected);
  });

  it('finds nothing without a config file', async () => {
    const lookup = dockerConfigCredentials({}, { configDir: join(root, 'absent'), runHelper: fakeRunner({}) });
    expect(await lookup('ghcr.io')).toBeUndefined();
  });

  it('reads $DOCKER_CONFIG from the environment it is given, not the process\'s', async () => {
    const env = { DOCKER_CONFIG: configDir({ auths: { 'ghcr.io': { auth: auth('alice', 'a-s3cret') } } }) };
    expect(await dockerConfigCredentials(env)('ghcr.io')).toEqual(alice);
  });

  it('falls back to $HOME/.docker of the environment it is given', async () => {
    const home = join(root, 'home');
    mkdirSync(home);
    const dir = configDir({ auths: { 'ghcr.io': { auth: auth('alice', 'a-s3cret') } } });
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker', 'config.json'), readFileSync(join(dir, 'config.json')));
    expect(await dockerConfigCredentials({ HOME: home })('ghcr.io')).toEqual(alice);
    expect(await dockerConfigCredentials({ HOME: join(root, 'absent') })('ghcr.io')).toBeUndefined();
  });

  it('prefers a per-host helper, then the store, then inline auth', async () => {
    const runner = fakeRunner({ gcloud: alice, desktop: { username: 'store', password: 'p' } });
    const dir = configDir({
      credHelpers: { 'gcr.io': 'gcloud' },
      credsStore: 'desktop',
      auths: { 'gcr.io': { auth: auth('inline', 'x') }, 'quay.io': { auth: auth('inline', 'x') } },
    });
    const lookup = dockerConfigCredentials({}, { configDir: dir, runHelper: runner });
    expect(await lookup('gcr.io')).toEqual(alice);
    expect(await lookup('quay.io')).toEqual({ username: 'store', password: 'p' });
    expect(await lookup('docker.io')).toEqual({ username: 'store', password: 'p' });
    expect(runner.calls).toEqual(['gcloud gcr.io', 'desktop quay.io', `desktop ${HUB}`]);
  });

  it('falls back to inline auth when the store has nothing or its helper is missing', async () => {
    const config = { credsStore: 'desktop', auths: { 'ghcr.io': { auth: auth('alice', 'a-s3cret') } } };
    expect(await dockerConfigCredentials({}, { configDir: configDir(config), runHelper: fakeRunner({}) })('ghcr.io')).toEqual(alice);
    const missing = fakeRunner({ desktop: new HelperMissingError('docker-credential-desktop is not on PATH') });
    expect(await dockerConfigCredentials({}, { configDir: configDir(config), runHelper: missing })('ghcr.io')).toEqual(alice);
  });

  it('fails when a per-host helper named in the config is missing', async () => {
    const runner = fakeRunner({ ecr: new HelperMissingError('credential helper docker-credential-ecr is not on PATH') });
    const lookup = dockerConfigCredentials({}, { configDir: configDir({ credHelpers: { 'x.ecr.aws': 'ecr' } }), runHelper: runner });
    await expect(lookup('x.ecr.aws')).rejects.toThrow('docker-credential-ecr is not on PATH');
  });

  it('refuses a config that is not JSON, naming the file', async () => {
    const dir = configDir('{"auths": ');
    await expect(dockerConfigCredentials({}, { configDir: dir })('ghcr.io')).rejects.toThrow(new InputError(join(dir, 'config.json'), 'not valid JSON'));
  });

  it('refuses an auth that is not user:password without echoing it', async () => {
    const garbage = Buffer.from('no-colon-secret').toString('base64');
    const lookup = dockerConfigCredentials({}, { configDir: configDir({ auths: { 'ghcr.io': { auth: garbage } } }) });
    const error = await lookup('ghcr.io').then(() => undefined, (err: unknown) => err as Error);
    expect(error?.message).toContain('auths entry for ghcr.io is not base64 "user:password"');
    expect(error?.message).not.toContain('no-colon-secret');
    expect(error?.message).not.toContain(garbage);
  });
});

describe('runCredentialHelper with a helper on PATH', () => {
  let bin: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    bin = join(root, 'bin');
    mkdirSync(bin);
    // Answers for reg.example, says "not found" otherwise, and records its argv.
    const script = [
      '#!/bin/sh',
      `echo "$@" >> "${join(bin, 'argv.log')}"`,
      'read -r server',
      'if [ "$server" = "reg.example" ]; then',
      '  printf \'{"ServerURL":"reg.example","Username":"helper-user","Secret":"helper-s3cret"}\'',
      'elif [ "$server" = "broken.example" ]; then',
      '  echo "helper-s3cret leaked in a crash"; exit 3',
      'else',
      '  echo "credentials not found in native keychain"; exit 1',
      'fi',
    ].join('\n');
    writeFileSync(join(bin, 'docker-credential-fake'), `${script}\n`);
    chmodSync(join(bin, 'docker-credential-fake'), 0o755);
    // The helper is found on the PATH of the environment given, never the process's.
    env = { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
  });

  it('passes the server on stdin and reads the JSON answer', async () => {
    expect(await runCredentialHelper('fake', 'reg.example', env)).toEqual({ username: 'helper-user', password: 'helper-s3cret' });
    expect(readFileSync(join(bin, 'argv.log'), 'utf8').trim().split('\n')).toEqual(['get']);
  });

  it('treats "credentials not found" as no credentials', async () => {
    expect(await runCredentialHelper('fake', 'other.example', env)).toBeUndefined();
  });

  it('reports other failures by exit code, not by what the helper printed', async () => {
    await expect(runCredentialHelper('fake', 'broken.example', env)).rejects.toThrow('credential helper docker-credential-fake failed for broken.example (exit 3)');
    await expect(runCredentialHelper('fake', 'broken.example', env)).rejects.not.toThrow('s3cret');
  });

  it('is not found on the process PATH alone', async () => {
    await expect(runCredentialHelper('fake', 'reg.example', { PATH: '/nonexistent' })).rejects.toBeInstanceOf(HelperMissingError);
  });

  it('says which helper is missing', async () => {
    await expect(runCredentialHelper('absent', 'reg.example', env)).rejects.toBeInstanceOf(HelperMissingError);
    await expect(runCredentialHelper('absent', 'reg.example', env)).rejects.toThrow('docker-credential-absent is not on PATH');
  });
});
