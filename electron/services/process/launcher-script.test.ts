// The launcher's words: every value quoted as one shell word, every report read strictly.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exitOfStatus } from './launched-step.js';
import { parseLauncherReport, shellWord } from './launcher-script.js';

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
