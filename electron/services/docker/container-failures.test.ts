import { describe, expect, it } from 'vitest';
import { describeStartError, diagnoseExit, engineMessage } from './container-failures.js';

const context = { image: 'image pipewright-test/busybox:latest', workspace: '/workspace' };

describe('a step container that does not start', () => {
  it('names the command the image lacks', () => {
    const error = new Error(
      '(HTTP code 400) unexpected - failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown',
    );
    expect(describeStartError(error, context)).toBe(
      "`sh` not found in image pipewright-test/busybox:latest: use an image that has it, or install it in the environment's Dockerfile (build:)",
    );
  });

  it('names the path it could not mount', () => {
    expect(
      describeStartError(
        new Error(
          '(HTTP code 400) bad parameter - invalid mount config for type "bind": bind source path does not exist: /home/me/ws/out',
        ),
        context,
      ),
    ).toBe("cannot mount /home/me/ws/out into the step's container: it does not exist");
    expect(
      describeStartError(new Error('(HTTP code 400) unexpected - Duplicate mount point: /workspace/data/raw'), context),
    ).toContain("data/raw is mounted twice into the step's container");
    expect(
      describeStartError(
        new Error(
          'OCI runtime create failed: error mounting "/ws/out/a.txt" to rootfs at "/workspace/out/a.txt": not a directory: unknown',
        ),
        context,
      ),
    ).toBe("cannot mount /ws/out/a.txt at out/a.txt in the step's container: not a directory");
  });

  it('passes anything else on without the HTTP noise', () => {
    expect(describeStartError(new Error('(HTTP code 500) server error - something new'), context)).toBe(
      "the step's container could not start: something new",
    );
    expect(engineMessage(new Error('(HTTP code 404) no such container - No such container: abc'))).toBe(
      'No such container: abc',
    );
  });
});

describe('what a failed step container said', () => {
  it.each([
    ['sh: node: not found\n', 'node'],
    ['sh: 1: node: not found\n', 'node'],
    ['bash: line 1: Rscript: command not found\n', 'Rscript'],
    ['[FATAL tini (6)] exec sh failed: No such file or directory\n', 'sh'],
  ])('exit 127 after %j: the missing command', (output, command) => {
    expect(diagnoseExit(127, `some output\n${output}`, context)).toBe(
      `\`${command}\` not found in image pipewright-test/busybox:latest: use an image that has it, or install it in the environment's Dockerfile (build:)`,
    );
  });

  it.each([
    ["sh: can't create y.txt: Read-only file system", 'y.txt'],
    ['sh: 1: cannot create /workspace/y.txt: Read-only file system', 'y.txt'],
    ['touch: z: Read-only file system', 'z'],
    ["touch: cannot touch 'z': Read-only file system", 'z'],
    ["mkdir: cannot create directory 'd': Read-only file system", 'd'],
    ["OSError: [Errno 30] Read-only file system: 'w.txt'", 'w.txt'],
  ])('a write to the read-only workspace (%j) says to declare the output', (output, path) => {
    expect(diagnoseExit(1, `${output}\n`, context)).toBe(
      `the step wrote ${path}, which it does not declare: in a container only a step's outputs and /tmp are writable; add ${path} to its outputs`,
    );
  });

  it('says nothing more when the exit code says it all', () => {
    expect(diagnoseExit(3, 'something failed\n', context)).toBeNull();
    expect(diagnoseExit(127, 'no known shape\n', context)).toBeNull();
    expect(diagnoseExit(0, 'sh: node: not found', context)).toBeNull();
  });
});
