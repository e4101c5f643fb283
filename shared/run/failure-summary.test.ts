import { describe, expect, it } from 'vitest';
import { failureText, lastErrorLineOf, shortCause, summarizeFailure } from './failure-summary.js';
import type { AttemptEnd, FailureContext } from './failure-summary.js';

const exited = (exitCode: number, error: string | null = null): AttemptEnd => ({
  outcome: 'exited',
  exitCode,
  signal: null,
  error,
});
const local = (logTail: string, timeout: string | null = null): FailureContext => ({
  logTail,
  timeout,
  place: { kind: 'local' },
});
const container = (logTail: string): FailureContext => ({
  logTail,
  timeout: null,
  place: { kind: 'container', image: 'image pipewright-test/busybox:latest' },
});

describe('the failure summary of a step', () => {
  it('names a command missing from PATH for a local step (exit 127)', () => {
    const failure = summarizeFailure(exited(127), local('starting\nsh: 1: node: not found\n'));
    expect(failure?.kind).toBe('command-not-found');
    expect(failure?.cause).toMatch(/^`node` not found on PATH/);
    expect(failure?.lastErrorLine).toBe('sh: 1: node: not found');
  });

  it('names the image a container step lacks the command in (busybox ash, bash)', () => {
    expect(summarizeFailure(exited(127), container('sh: node: not found'))?.cause).toBe(
      '`node` not found in image pipewright-test/busybox:latest: use an image that has it',
    );
    expect(summarizeFailure(exited(127), container('/bin/bash: line 1: nodejs: command not found'))?.cause).toMatch(
      /^`nodejs` not found/,
    );
  });

  it("keeps the runner's own words when it already explained the exit", () => {
    const failure = summarizeFailure(
      exited(127, '`node` not found in image X: use an image that has it'),
      container('sh: node: not found'),
    );
    expect(failure).toEqual({
      kind: 'command-not-found',
      cause: '`node` not found in image X: use an image that has it',
      lastErrorLine: 'sh: node: not found',
    });
  });

  it('tells a write to a read-only file system to declare the output path', () => {
    const failure = summarizeFailure(exited(1), container("sh: can't create data/out.csv: Read-only file system"));
    expect(failure?.kind).toBe('read-only-write');
    expect(failure?.cause).toContain('declare the output path');
  });

  it('says out of memory for a container killed by its memory limit (137) and a local SIGKILL', () => {
    expect(summarizeFailure(exited(137), container(''))?.kind).toBe('out-of-memory');
    expect(summarizeFailure(exited(137, 'killed for going over its memory limit (512m)'), container(''))?.cause).toBe(
      'killed for going over its memory limit (512m)',
    );
    expect(
      summarizeFailure({ outcome: 'exited', exitCode: null, signal: 'SIGKILL', error: null }, local('working'))?.kind,
    ).toBe('out-of-memory');
  });

  it('says the timeout killed it, with the limit as written', () => {
    const failure = summarizeFailure(
      { outcome: 'timed-out', exitCode: null, signal: null, error: null },
      local('still going', '2s'),
    );
    expect(failure?.kind).toBe('timed-out');
    expect(failure?.cause).toContain('killed by its timeout (2s)');
  });

  it('falls back to the exit code and the last error line of the log', () => {
    const log = 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad row 7\nclean up done\n';
    const failure = summarizeFailure(exited(1), local(log));
    expect(failure).toEqual({ kind: 'exit', cause: 'exit code 1', lastErrorLine: 'ValueError: bad row 7' });
    expect(failureText(failure!)).toBe('exit code 1 — ValueError: bad row 7');
  });

  it('explains nothing for a success or a cancel', () => {
    expect(summarizeFailure(exited(0), local('error: ignored'))).toBeNull();
    expect(summarizeFailure({ outcome: 'cancelled', exitCode: null, signal: null, error: null }, local(''))).toBeNull();
  });

  it('takes the last line when none reads like an error, strips colour codes and cuts long lines', () => {
    expect(lastErrorLineOf('one\ntwo\n\n')).toBe('two');
    expect(lastErrorLineOf('\u001b[31mError: boom\u001b[0m\nbye')).toBe('Error: boom');
    expect(lastErrorLineOf(`error ${'x'.repeat(400)}`)?.length).toBe(240);
    expect(lastErrorLineOf('  \n')).toBeNull();
  });

  it('says the cause in a few words for the zoomed-out canvas', () => {
    const short = (end: AttemptEnd, context: FailureContext) => {
      const failure = summarizeFailure(end, context);
      if (failure === null) throw new Error('expected a failure');
      return shortCause(failure);
    };
    expect(short(exited(127), local('sh: 1: node: not found\n'))).toBe('node not found');
    expect(short(exited(3), local('cannot greet\n'))).toBe('exit code 3');
    expect(short({ outcome: 'exited', exitCode: null, signal: 'SIGTERM', error: null }, local(''))).toBe(
      'killed by SIGTERM',
    );
    expect(short({ outcome: 'timed-out', exitCode: null, signal: 'SIGKILL', error: null }, local('', '1s'))).toBe(
      'timed out',
    );
    expect(short(exited(1), local('touch: out.txt: Read-only file system\n'))).toBe('wrote to a read-only path');
  });
});
