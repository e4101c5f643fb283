// Logs of any size through the CLI: `runs logs` streams a step's whole log however big (run
// in-process, its output counted rather than kept), and `runs show` prints the end of a failed
// step's log without reading the rest.
import { appendFileSync, statSync, truncateSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { captureIO } from '../testing/capture-io.js';
import { runCli } from '../testing/cli-process.js';
import { runLogsCommand } from './commands/runs-command.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

/** Output that is counted instead of kept: how many bytes, and the last few. */
function countingOutput(): { stream: NodeJS.WriteStream; bytes(): number; end(): string } {
  let bytes = 0;
  let end = Buffer.alloc(0);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      end = Buffer.concat([end.subarray(-64), chunk.subarray(-64)]).subarray(-64);
      done();
    },
  });
  return { stream: stream as unknown as NodeJS.WriteStream, bytes: () => bytes, end: () => end.toString() };
}

/** A failed run of one step whose log is then made `size` bytes long (sparse), ending in a known line. */
async function runWithHugeLog(size: number): Promise<{ run: RunSummary; log: string }> {
  workspace = tempWorkspace({
    'pipelines/p.pipeline.yaml': pipelineYaml('p', '  noisy:\n    run: echo starting; exit 3\n'),
  });
  const result = await runCli(['run', 'p', '--json'], workspace.root);
  const run = JSON.parse(result.stdout) as RunSummary;
  const log = workspace.path(run.steps[0]?.logPath ?? '');
  truncateSync(log, size);
  appendFileSync(log, '\nthe last line\n');
  return { run, log };
}

describe('huge logs', () => {
  it('runs logs streams a log larger than 2 GiB whole', async () => {
    const { run, log } = await runWithHugeLog(2 * 1024 ** 3 + 4096);
    const stdout = countingOutput();
    const io = { ...captureIO(workspace.root), stdout: stdout.stream };
    expect(await runLogsCommand(run.id, 'noisy', {}, io)).toBe(0);
    expect(stdout.bytes()).toBe(statSync(log).size);
    expect(stdout.end().endsWith('\nthe last line\n')).toBe(true);
  });

  it('runs show prints the end of a 3 GiB log of a failed step', async () => {
    const { run } = await runWithHugeLog(3 * 1024 ** 3);
    const shown = await runCli(['runs', 'show', run.id], workspace.root);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('│ the last line');
  });
});
