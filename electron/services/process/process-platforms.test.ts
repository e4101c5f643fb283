// The per-platform decisions of running and stopping local steps, with the platform injected:
// which shell, how a tree is ended, how a process's start time is read where there is no /proc.
import { describe, expect, it } from 'vitest';
import { localShell } from './local-shell.js';
import {
  isProcessRunning,
  isSameProcess,
  processStartTime,
  processStartTimeAsync,
  startTimeCommand,
} from './process-identity.js';
import type { ProcessHost } from './process-identity.js';
import { fakeHost } from '../../testing/fake-process-host.js';
import { treeKillCommand } from './process-tree.js';

describe('the shell of a local step', () => {
  it.each(['linux', 'darwin', 'freebsd'] as const)('is sh -c leading a process group on %s', (platform) => {
    const shell = localShell(platform, {});
    expect([shell.file, ...shell.args('echo hi > out.txt')]).toEqual(['/bin/sh', '-c', 'echo hi > out.txt']);
    expect(shell).toMatchObject({ processGroup: true, verbatimArguments: false });
  });

  it('is cmd.exe /d /s /c on Windows, as ComSpec names it', () => {
    const shell = localShell('win32', { ComSpec: 'C:\\Windows\\system32\\cmd.exe' });
    expect([shell.file, ...shell.args('python steps\\x.py')]).toEqual([
      'C:\\Windows\\system32\\cmd.exe',
      '/d',
      '/s',
      '/c',
      '"python steps\\x.py"',
    ]);
    expect(shell).toMatchObject({ processGroup: false, verbatimArguments: true });
    expect(localShell('win32', {}).file).toBe('cmd.exe');
  });

  it('can be another one', () => {
    expect(localShell('linux', {}, '/bin/bash').file).toBe('/bin/bash');
  });
});

describe('ending a step process tree', () => {
  it('uses taskkill /T on Windows, forced or not', () => {
    expect(treeKillCommand('win32', 42, true)).toEqual(['taskkill', ['/PID', '42', '/T', '/F']]);
    expect(treeKillCommand('win32', 42, false)).toEqual(['taskkill', ['/PID', '42', '/T']]);
  });

  it.each(['linux', 'darwin'] as const)('signals the process group on %s', (platform) => {
    expect(treeKillCommand(platform, 42, true)).toBeNull();
  });
});

describe('the start time of a process', () => {
  it('comes from /proc on Linux, without running anything', () => {
    const calls: string[][] = [];
    expect(startTimeCommand('linux', 7)).toBeNull();
    expect(processStartTime(7, fakeHost('linux', { 7: '123456' }, calls))).toBe('123456');
    expect(calls).toEqual([]);
  });

  it('comes from ps on macOS, where there is no /proc', async () => {
    const calls: string[][] = [];
    const host = fakeHost('darwin', { 7: 'Mon Nov 26 06:30:12 2026' }, calls);
    expect(processStartTime(7, host)).toBe('Mon Nov 26 06:30:12 2026');
    expect(await processStartTimeAsync(7, host)).toBe('Mon Nov 26 06:30:12 2026');
    expect(calls).toEqual([
      ['ps', '-o', 'lstart=', '-p', '7'],
      ['ps', '-o', 'lstart=', '-p', '7'],
    ]);
    expect(processStartTime(8, host)).toBeNull();
  });

  it('comes from PowerShell on Windows', () => {
    const calls: string[][] = [];
    expect(processStartTime(7, fakeHost('win32', { 7: '2026-11-26T06:30:12.1234567Z' }, calls))).toBe(
      '2026-11-26T06:30:12.1234567Z',
    );
    expect(calls[0]?.[0]).toBe('powershell.exe');
    expect(calls[0]?.at(-1)).toContain('Get-Process -Id 7');
  });
});

describe('telling a recorded process from a reused pid', () => {
  const host = fakeHost('darwin', { 7: 'Mon Nov 26 06:30:12 2026', 8: 'Tue Nov 27 10:00:00 2026' });

  it('confirms a process only by its start time', () => {
    expect(isSameProcess({ pid: 7, started: 'Mon Nov 26 06:30:12 2026' }, host)).toBe(true);
    expect(isSameProcess({ pid: 8, started: 'Mon Nov 26 06:30:12 2026' }, host)).toBe(false);
    expect(isSameProcess({ pid: 7, started: null }, host)).toBe(false);
    expect(isSameProcess({ pid: 9, started: 'Mon Nov 26 06:30:12 2026' }, host)).toBe(false);
  });

  it('takes a run owner for alive while its pid lives and its start time cannot be read', () => {
    expect(isProcessRunning({ pid: 7, started: 'Mon Nov 26 06:30:12 2026' }, host)).toBe(true);
    expect(isProcessRunning({ pid: 8, started: 'Mon Nov 26 06:30:12 2026' }, host)).toBe(false);
    expect(isProcessRunning({ pid: 9, started: 'x' }, host)).toBe(false);
    const unreadable: ProcessHost = {
      ...host,
      exec: () => {
        throw new Error('no ps');
      },
    };
    expect(isProcessRunning({ pid: 8, started: 'Mon Nov 26 06:30:12 2026' }, unreadable)).toBe(true);
  });
});
