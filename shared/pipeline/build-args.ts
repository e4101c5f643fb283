// Build arguments given for one command (`pipewright run --build-arg NAME=VALUE`, `env up
// --build-arg`): they override the `args` of every environment built from a Dockerfile, the
// way `docker build --build-arg` overrides an ARG default. This is how a CI machine without a
// registry builds a workspace's image on a base image of its own, without editing the files.
import type { EnvironmentSpec } from './schema.js';

/** Docker's ARG names: a letter or underscore, then letters, digits and underscores. */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class BuildArgError extends Error {}

/** NAME=VALUE as typed on the command line; the value may be empty or hold `=`. */
export function parseBuildArg(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at < 0) throw new BuildArgError(`expected NAME=VALUE, got "${text}"`);
  const name = text.slice(0, at);
  if (!ARG_NAME.test(name))
    throw new BuildArgError(
      `"${name}" is not a build argument name (letters, digits and _, not starting with a digit)`,
    );
  return [name, text.slice(at + 1)];
}

/**
 * The environments with `args` overridden for every one built from a Dockerfile. Throws when
 * args are given but nothing is built, so a mistyped command does not pass silently.
 */
export function withBuildArgs(
  environments: Readonly<Record<string, EnvironmentSpec>>,
  args: Readonly<Record<string, string>>,
): Record<string, EnvironmentSpec> {
  const names = Object.keys(args);
  if (names.length === 0) return { ...environments };
  for (const name of names) {
    if (!ARG_NAME.test(name))
      throw new BuildArgError(
        `"${name}" is not a build argument name (letters, digits and _, not starting with a digit)`,
      );
  }
  const built = Object.entries(environments).filter(([, spec]) => spec.build !== undefined);
  if (built.length === 0) {
    throw new BuildArgError(
      `--build-arg ${names.join(', ')}: no environment in pipewright.yaml builds an image (build:), so there is nothing to pass it to`,
    );
  }
  return Object.fromEntries(
    Object.entries(environments).map(([name, spec]) => {
      if (spec.build === undefined) return [name, spec];
      const build = typeof spec.build === 'string' ? { context: spec.build } : spec.build;
      return [name, { ...spec, build: { ...build, args: { ...build.args, ...args } } }];
    }),
  );
}
