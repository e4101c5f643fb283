// Local steps started by the step launcher, with real processes: what the step sees (its
// folder, its variables, its command as written) and what the engine hears (its output per
// stream, its exit, its signal) are what a step spawned by Node itself sees and tells.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/cli-process.js';
import { LocalRunner } from './local-runner.js';
import type { StepProcessRequest, StepProcessResult } from '../runner/step-runner.js';

const cwd = mkdtempSync(join(tmpdir(), 'pipewright-launcher-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Ran {
  result: StepProcessResult;
  stdout: string;
  stderr: string;
}

async function run(runner: LocalRunner, command: string, overrides: Partial<StepProcessRequest> = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const result = await runner.execute({
    command,
    cwd,
    env: {},
    paramsFile: join(cwd, 'params.json'),
    inputs: [],
    outputs: [],
    owner: { pipeline: 'p', run: 'r', step: 's', attempt: '1' },
    marker: `launcher-test/${command}`,
    timeoutMs: null,
    signal: new AbortController().signal,
    onStart: () => undefined,
    onOutput: (stream, chunk) => {
      if (stream === 'stdout') stdout += chunk.toString();
      else stderr += chunk.toString();
    },
    ...overrides,
  });
  return { result, stdout, stderr };
}

const runner = new LocalRunner({ killGraceMs: 500 });

describe('a step the launcher starts', () => {
  it('is not a child of this process: the launcher started it', async () => {
    const { stdout } = await run(runner, 'echo $PPID');
    expect(Number(stdout.trim())).not.toBe(process.pid);
    expect(Number(stdout.trim())).toBeGreaterThan(0);
  });

  it('sees its folder, and its variables exactly, whatever they hold', async () => {
    const env = { PW_QUOTED: `it's "$HOME" \`id\` $(id)\nline two \\` };
    const { stdout, result } = await run(runner, 'pwd; printenv PW_QUOTED; printenv PW_EXECUTION', { env });
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    const folder = execFileSync('realpath', [cwd], { encoding: 'utf8' });
    expect(stdout).toBe(`${folder}${env.PW_QUOTED}\nlauncher-test/pwd; printenv PW_QUOTED; printenv PW_EXECUTION\n`);
  });

  it("starts as usual whatever its variables are named, the launcher's own names included", async () => {
    const env = { pw_setsid: '/bin/false', PATH: '/nowhere' };
    const { stdout, result } = await run(runner, 'printf %s "$pw_setsid"', { env });
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(stdout).toBe('/bin/false');
  });

  it('runs its command as written, seeing what a step Node spawns sees', async () => {
    const command = `x='a b'; printf '%s|' "$x" 'single' \\\\back "$0" "$-"\ncat <<'END'\n$not expanded\nEND\nenv | sort`;
    const env = { PW_QUOTED: "it's", 'odd-name': 'x=y', PATH: process.env.PATH ?? '' };
    const launched = await run(runner, command, { env });
    const spawned = await run(spawningRunner(), command, { env });
    expect(launched.stdout).toContain('a b|single|\\back|/bin/sh|');
    expect(launched.stdout).toContain('$not expanded\n');
    expect(launched.stdout).toBe(spawned.stdout.replace(`PPID=${String(process.pid)}`, ''));
  });

  it('given a shell that waited for it, sees what a step Node spawns sees, but for $- (s: it read its script)', async () => {
    const command = `x='a b'; printf '%s|' "$x" "$0" "$-" "$#"\ncat <<'END'\n$not expanded\nEND\necho "$LINENO"; env | sort; nosuch`;
    const env = { PW_QUOTED: "it's", PATH: process.env.PATH ?? '' };
    const fresh = new LocalRunner({ killGraceMs: 500 });
    await run(fresh, 'true');
    // The launcher started a shell for the next step as the first ran; it is ready in a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A marker of one line: a variable of several lines goes the way of a step with no shell waiting.
    const launched = await run(fresh, command, { env, marker: 'one line' });
    const spawned = await run(spawningRunner(), command, { env, marker: 'one line' });
    expect(launched.stdout).toMatch(/^a b\|\/bin\/sh\|s\|0\|/);
    expect(launched.stdout).toBe(
      spawned.stdout.replace('|/bin/sh||', '|/bin/sh|s|').replace(`PPID=${String(process.pid)}`, ''),
    );
    expect(launched.stderr).toBe(spawned.stderr);
    expect(launched.result).toMatchObject({ outcome: 'exited', exitCode: 127 });
  });

  it('keeps stdout and stderr apart, and tells its exit code', async () => {
    const { stdout, stderr, result } = await run(runner, 'echo out; echo err >&2; exit 3');
    expect({ stdout, stderr }).toEqual({ stdout: 'out\n', stderr: 'err\n' });
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 3, signal: null });
  });

  it('tells the signal that killed it', async () => {
    const { result } = await run(runner, 'kill -KILL $$');
    expect(result).toMatchObject({ outcome: 'exited', exitCode: null, signal: 'SIGKILL' });
  });

  it('fails to parse as the shell says, with its exit code', async () => {
    const { stderr, result } = await run(runner, 'if then fi (');
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 2 });
    expect(stderr).toMatch(/syntax error/i);
  });

  it('runs with many others at once, each with its own output', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => index);
    const all = await Promise.all(ids.map((id) => run(runner, `echo step-${id}; echo e${id} >&2`)));
    expect(all.map((ran) => ran.stdout)).toEqual(ids.map((id) => `step-${id}\n`));
    expect(all.map((ran) => ran.stderr)).toEqual(ids.map((id) => `e${id}\n`));
  });

  it('still runs after the launcher was killed: a new one takes over', async () => {
    const fresh = new LocalRunner({ killGraceMs: 500 });
    const { stdout: parent } = await run(fresh, 'echo $PPID');
    const launcher = Number(execFileSync('ps', ['-o', 'ppid=', '-p', parent.trim()], { encoding: 'utf8' }).trim());
    process.kill(launcher, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { stdout, result } = await run(fresh, 'echo again');
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(stdout).toBe('again\n');
  });
});

/** Processes with a file of `folder` open (its FIFOs, once unlinked, read "(deleted)"). */
function holding(folder: string): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  return pids.map(Number).filter((pid) => {
    try {
      return readdirSync(`/proc/${String(pid)}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${String(pid)}/fd/${fd}`).startsWith(`${folder}/`);
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}

/** A runner whose launcher cannot find setsid: it spawns each step itself. */
function spawningRunner(): LocalRunner {
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    return new LocalRunner();
  } finally {
    process.env.PATH = path;
  }
}

describe('where the launcher cannot run', () => {
  it('a step is spawned by this process itself (no setsid on the PATH)', async () => {
    const { stdout, result } = await run(spawningRunner(), 'echo $PPID');
    expect(result).toMatchObject({ outcome: 'exited', exitCode: 0 });
    expect(Number(stdout.trim())).toBe(process.pid);
  });
});

describe("the launcher's FIFOs", () => {
  it('are unlinked once their step ended, and their folder goes when the launcher ends', async () => {
    // A temp folder of its own: other suites' launchers running at the same time keep theirs.
    const temp = mkdtempSync(join(tmpdir(), 'pipewright-launcher-fifos-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const own = new LocalRunner({ killGraceMs: 500 });
      for (const word of ['one', 'two', 'three']) expect((await run(own, `echo ${word}`)).stdout).toBe(`${word}\n`);
      const [folder, ...others] = readdirSync(temp);
      expect(others).toEqual([]);
      const fifos = join(temp, folder ?? '');
      // A step's FIFO names (its output, its error and its shell's script) are unlinked off the
      // critical path, just after it is reported: of the first batch of 32 sets, the three steps
      // took three, whether a waiting shell held them or not. The shell still waiting keeps its own.
      await waitFor(() => readdirSync(fifos).length === (32 - 3) * 3, 'the used FIFOs to be unlinked', 4_000);
      expect(readdirSync(fifos).filter((name) => !lstatSync(join(fifos, name)).isFIFO())).toEqual([]);
      await waitFor(() => !existsSync(fifos), 'the idle launcher to end and take its folder', 20_000);
      // The shell that waited for a fourth step ends with it: nothing holds a FIFO of the folder.
      await waitFor(() => holding(fifos).length === 0, 'the waiting shell to end', 4_000);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
