// The local runner with real processes: a step ends when its shell does, whatever it left
// holding its output, and a cancel or a timeout stops it at any moment, nothing left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesRunning, waitFor } from '../../testing/cli-process.js';
import { LocalRunner } from './local-runner.js';
import type { StartedProcess, StepProcessRequest } from '../runner/step-runner.js';

const cwd = mkdtempSync(join(tmpdir(), 'pipewright-local-runner-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const runner = new LocalRunner({ killGraceMs: 500 });

function request(
  command: string,
  overrides: Partial<StepProcessRequest> = {},
): StepProcessRequest & { output(): string; started: StartedProcess[] } {
  let output = '';
  const started: StartedProcess[] = [];
  return {
    command,
    cwd,
    env: {},
    paramsFile: join(cwd, 'params.json'),
    inputs: [],
    outputs: [],
    owner: { pipeline: 'p', run: 'r', step: 's', attempt: '1' },
    marker: `local-runner-test/${command}`,
    timeoutMs: null,
    signal: new AbortController().signal,
    onStart: (process) => {
      if (process) started.push(process);
    },
    onOutput: (_stream, chunk) => {
      output += chunk.toString();
    },
    output: () => output,
    started,
    ...overrides,
  };
}

/**
 * A shell that starts `command` in a session of its own (a daemon keeping the step's stdout),
 * waits until it has left the step's process group, and says so.
 */
function detached(command: string, flag: string, prefix = ''): string {
  return `${prefix}setsid sh -c 'touch ${flag}; exec ${command}' & while [ ! -f ${flag} ]; do sleep 0.01; done; echo started`;
}

function killAll(prefix: string): void {
  for (const pid of processesRunning(prefix)) process.kill(pid, 'SIGKILL');
}

describe('a step whose background process holds its output open', () => {
  it('ends when its shell exits, and the process that left its group is ended too', async () => {
    const step = request(detached('sleep 300.71', 'd1'));
    const result = await runner.execute(step);
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(step.output()).toBe('started\n');
    expect(processesRunning('sleep 300.71')).toEqual([]);
  });

  it('ends when its shell exits even when nothing can find that process', async () => {
    try {
      // Without the marker in its environment the daemon cannot be found: the step ends anyway.
      const step = request(detached('sleep 300.72', 'd2', 'env -u PW_EXECUTION '));
      const result = await runner.execute(step);
      expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
      expect(step.output()).toBe('started\n');
    } finally {
      killAll('sleep 300.72');
    }
  });

  it('times out while its shell still runs, and nothing of it is left', async () => {
    const result = await runner.execute(
      request(`${detached('sleep 300.73', 'd3')}; sleep 300.74`, { timeoutMs: 1000 }),
    );
    expect(result.outcome).toBe('timed-out');
    expect(processesRunning('sleep 300.73')).toEqual([]);
    expect(processesRunning('sleep 300.74')).toEqual([]);
  });
});

describe('cancelling a local step', () => {
  it('before it starts: nothing runs', async () => {
    const controller = new AbortController();
    controller.abort();
    const step = request('echo never', { signal: controller.signal });
    expect(await runner.execute(step)).toMatchObject({ outcome: 'cancelled' });
    expect(step.started).toEqual([]);
  });

  it('the moment it was asked to start', async () => {
    const controller = new AbortController();
    const running = runner.execute(request('sleep 300.75', { signal: controller.signal }));
    controller.abort();
    expect(await running).toMatchObject({ outcome: 'cancelled' });
    expect(processesRunning('sleep 300.75')).toEqual([]);
  });

  it('while it runs, with a process that ignores SIGTERM', async () => {
    const controller = new AbortController();
    const step = request("trap '' TERM; echo ready; sleep 300.76; sleep 300.76", { signal: controller.signal });
    const running = runner.execute(step);
    await waitFor(() => step.output() === 'ready\n', 'the step to start');
    controller.abort();
    expect(await running).toMatchObject({ outcome: 'cancelled' });
    expect(processesRunning('sleep 300.76')).toEqual([]);
  });

  it('reports the process it started with its start time', async () => {
    const step = request('echo hi');
    await runner.execute(step);
    expect(step.started).toEqual([{ pid: expect.any(Number), started: expect.any(String) }]);
  });
});

describe('a step that cannot start', () => {
  it('says why: a missing shell, a missing folder', async () => {
    expect(await new LocalRunner({ shell: '/nonexistent/sh' }).execute(request('true'))).toMatchObject({
      outcome: 'failed-to-start',
      error: expect.stringContaining('ENOENT'),
    });
    expect(await runner.execute(request('true', { cwd: join(cwd, 'missing') }))).toMatchObject({
      outcome: 'failed-to-start',
      error: expect.stringContaining('ENOENT'),
    });
  });
});
