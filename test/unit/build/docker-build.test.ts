// The `docker build` command line of a build: table-driven over what a build declares.
import { describe, expect, it } from 'vitest';
import { dockerBuildCommand } from '../../../src/core/build/docker-build.js';
import type { BuildPlan } from '../../../src/core/build/plan.js';

const paths = { dir: '/src/api', context: '/src/api/target', dockerfile: '/src/api/docker/Dockerfile', dockerfileWritten: true };
const base: BuildPlan = { name: 'api', image: 'docker.io/acme/api:dev', where: 'sew.yaml:3:5', pre: [], buildArgs: {}, paths };

describe('docker build arguments', () => {
  it.each([
    {
      name: 'tag, image ID file, Dockerfile and context',
      build: base,
      args: ['build', '--tag', 'docker.io/acme/api:dev', '--iidfile', '/tmp/iid', '--file', '/src/api/docker/Dockerfile', '/src/api/target'],
      env: {},
    },
    {
      name: 'platform',
      build: { ...base, platform: 'linux/arm64' },
      args: ['build', '--tag', 'docker.io/acme/api:dev', '--iidfile', '/tmp/iid', '--file', '/src/api/docker/Dockerfile', '--platform', 'linux/arm64', '/src/api/target'],
      env: {},
    },
    {
      name: 'build args by name, values in the environment, ${VAR} expanded',
      build: { ...base, buildArgs: { VERSION: '1.2.3', NPM_TOKEN: '${CI_NPM_TOKEN}', LABEL: 'v-${CI_REF}-x' } },
      args: ['build', '--tag', 'docker.io/acme/api:dev', '--iidfile', '/tmp/iid', '--file', '/src/api/docker/Dockerfile', '--build-arg', 'VERSION', '--build-arg', 'NPM_TOKEN', '--build-arg', 'LABEL', '/src/api/target'],
      env: { VERSION: '1.2.3', NPM_TOKEN: 's3cret', LABEL: 'v-main-x' },
    },
  ])('$name', ({ build, args, env }) => {
    const command = dockerBuildCommand(build, paths, '/tmp/iid', { PATH: '/bin', CI_NPM_TOKEN: 's3cret', CI_REF: 'main' });
    expect(command.args).toEqual(args);
    expect(command.env).toEqual({ PATH: '/bin', CI_NPM_TOKEN: 's3cret', CI_REF: 'main', ...env });
    expect(command.args.join(' ')).not.toContain('s3cret');
  });

  it('an unset variable in a build arg is an input error naming the build', () => {
    expect(() => dockerBuildCommand({ ...base, buildArgs: { T: '${NOPE}' } }, paths, '/tmp/iid', {})).toThrow('sew.yaml:3:5: buildArgs.T: environment variable NOPE is not set');
  });
});
