// The launcher's waiting shells, with real processes: a step launched while the shell started
// for it is still starting waits for that shell instead of starting cold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LaunchedStep } from './launched-step.js';
import { StepLauncher } from './step-launcher.js';

const cwd = mkdtempSync(join(tmpdir(), 'pipewright-waiting-shell-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function outputOf(step: LaunchedStep | null): Promise<string> {
  if (step === null) throw new Error('the launcher could not start the step');
  return new Promise((resolve) => {
    let text = '';
    step.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    step.on('close', () => resolve(text));
  });
}

describe('a waiting shell', () => {
  it('that is still starting takes the step launched meanwhile, rather than a cold start', async () => {
    const launcher = new StepLauncher({ PATH: process.env.PATH ?? '' });
    // The first step of a fresh launcher starts cold; a shell for the next starts beside it.
    const first = outputOf(await launcher.launch({ cwd, env: {}, command: 'echo "flags:$-"' }));
    // Launched at once, before that shell can have said it is ready.
    const second = outputOf(await launcher.launch({ cwd, env: {}, command: 'echo "flags:$-"' }));
    // A shell that read its step from its FIFO has s in $-; a cold start's `sh -c` has not.
    expect(await first).toBe('flags:\n');
    expect(await second).toBe('flags:s\n');
  });
});
