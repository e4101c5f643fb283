import { describe, expect, it } from 'vitest';
import { BuildArgError, parseBuildArg, withBuildArgs } from './build-args.js';
import type { EnvironmentSpec } from './schema.js';

describe('build arguments given on the command line', () => {
  it('reads NAME=VALUE, keeping an empty value and any = in the value', () => {
    expect(parseBuildArg('BASE_IMAGE=pipewright-test/python-ml:latest')).toEqual([
      'BASE_IMAGE',
      'pipewright-test/python-ml:latest',
    ]);
    expect(parseBuildArg('EXTRA=')).toEqual(['EXTRA', '']);
    expect(parseBuildArg('_FLAGS=a=b')).toEqual(['_FLAGS', 'a=b']);
  });

  it('refuses text without = and names Docker would not accept', () => {
    expect(() => parseBuildArg('BASE_IMAGE')).toThrow('expected NAME=VALUE, got "BASE_IMAGE"');
    expect(() => parseBuildArg('=x')).toThrow('"" is not a build argument name');
    expect(() => parseBuildArg('1BASE=x')).toThrow('"1BASE" is not a build argument name');
    expect(() => parseBuildArg('BASE IMAGE=x')).toThrow(BuildArgError);
  });

  it('overrides the args of every environment built from a Dockerfile and leaves the others alone', () => {
    const environments: Record<string, EnvironmentSpec> = {
      dev: { runner: 'docker', build: 'environments/python' },
      test: {
        runner: 'docker',
        build: {
          context: 'environments/python',
          dockerfile: 'Dockerfile',
          args: { BASE_IMAGE: 'python:3.12-slim', PIP: 'yes' },
        },
      },
      tools: { runner: 'docker', image: 'busybox' },
      local: {},
    };
    const result = withBuildArgs(environments, { BASE_IMAGE: 'local/python-ml' });
    expect(result.dev?.build).toEqual({ context: 'environments/python', args: { BASE_IMAGE: 'local/python-ml' } });
    expect(result.test?.build).toEqual({
      context: 'environments/python',
      dockerfile: 'Dockerfile',
      args: { BASE_IMAGE: 'local/python-ml', PIP: 'yes' },
    });
    expect(result.tools).toBe(environments.tools);
    expect(result.local).toBe(environments.local);
    // The workspace's own settings are not changed.
    expect(environments.dev?.build).toBe('environments/python');
    expect(withBuildArgs(environments, {})).toEqual(environments);
  });

  it('says so when nothing would receive the argument, rather than ignoring it', () => {
    expect(() => withBuildArgs({ tools: { runner: 'docker', image: 'busybox' } }, { BASE_IMAGE: 'x' })).toThrow(
      '--build-arg BASE_IMAGE: no environment in pipewright.yaml builds an image (build:), so there is nothing to pass it to',
    );
    expect(() => withBuildArgs({ dev: { runner: 'docker', build: 'env' } }, { 'BAD NAME': 'x' })).toThrow(
      '"BAD NAME" is not a build argument name',
    );
  });
});
