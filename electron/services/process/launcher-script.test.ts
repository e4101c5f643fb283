// The launcher's words: every value quoted as one shell word, every report read strictly.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitOfStatus } from './launched-step.js';
import { parseLauncherReport, shellWord, stepJob } from './launcher-script.js';

describe("a value in the launcher's shell", () => {
  it.each(['plain', "it's", "a'b'c", '$HOME `id` $(id) "q" \\ n', 'two\nlines', '', "'"])(
    'is one word, read back exactly: %j',
    (text) => {
      const echoed = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellWord(text)}`], { encoding: 'utf8' });
      expect(echoed).toBe(text);
    },
  );
});

describe('a report of the launcher', () => {
  it('is read when it is one of its words', () => {
    expect(parseLauncherReport('R')).toEqual({ kind: 'ready' });
    expect(parseLauncherReport('N setsid not found')).toEqual({ kind: 'unable', why: 'setsid not found' });
    expect(parseLauncherReport('P 3')).toEqual({ kind: 'fifos', batch: 3, made: true });
    expect(parseLauncherReport('F 3')).toEqual({ kind: 'fifos', batch: 3, made: false });
    expect(parseLauncherReport('S 7 1234 1234 (sh) S 1 2')).toEqual({
      kind: 'started',
      id: 7,
      pid: 1234,
      stat: '1234 (sh) S 1 2',
    });
    expect(parseLauncherReport('S 7 1234')).toEqual({ kind: 'started', id: 7, pid: 1234, stat: '' });
    expect(parseLauncherReport('E 7 0')).toEqual({ kind: 'ended', id: 7, status: 0 });
    expect(parseLauncherReport('X 7')).toEqual({ kind: 'no-folder', id: 7 });
    expect(parseLauncherReport('W 7')).toEqual({ kind: 'waiting', id: 7 });
  });

  it('is ignored when it is anything else', () => {
    for (const line of ['', 'E 7', 'E x 1', 'S 7', 'Q 1 2', 'R ', ' E 7 0', 'P 3 4 5', 'W 7 1'])
      expect(parseLauncherReport(line)).toBeNull();
  });
});

describe("a step's status", () => {
  it('above 128 is the signal that ended it, as shells report it', () => {
    expect(exitOfStatus(0)).toEqual({ code: 0, signal: null });
    expect(exitOfStatus(3)).toEqual({ code: 3, signal: null });
    expect(exitOfStatus(128)).toEqual({ code: 128, signal: null });
    expect(exitOfStatus(137)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(exitOfStatus(143)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(exitOfStatus(255)).toEqual({ code: 255, signal: null });
    expect(exitOfStatus(Number.NaN)).toEqual({ code: null, signal: null });
  });
});

describe('a step whose engine is gone before its shell starts it', () => {
  it('neither runs its command nor waits for ever to open its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-no-engine-'));
    try {
      const fifos = { stdout: join(dir, 'out'), stderr: join(dir, 'err') };
      execFileSync('mkfifo', [fifos.stdout, fifos.stderr]);
      const job = stepJob({
        id: 1,
        cwd: dir,
        env: {},
        command: 'touch ran',
        stdoutFifo: fifos.stdout,
        stderrFifo: fifos.stderr,
      });
      // A launcher whose engine has gone: nobody reads its reports or the step's FIFOs. It
      // waits a moment, so the reading end is closed before the job runs.
      const launcher = spawn('/bin/sh', ['-c', `sleep 0.3; pw_setsid=$(command -v setsid)\n${job}wait`], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      launcher.stdout.destroy();
      const ended = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5_000);
        launcher.on('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!ended) execFileSync('pkill', ['-KILL', '-f', fifos.stdout]);
      expect(ended).toBe(true);
      expect(existsSync(join(dir, 'ran'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
