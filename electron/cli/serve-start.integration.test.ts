// `pipewright serve` starts without what only some requests need: DuckDB (the data previews)
// loads on the first preview, so the studio is up sooner. Read from the process's own memory
// map, where a loaded native library shows.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../testing/cli-process.js';
import type { CliProcess } from '../testing/cli-process.js';
import { tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace | undefined;
let served: CliProcess | undefined;
afterEach(async () => {
  served?.child.kill('SIGTERM');
  await served?.result;
  workspace?.remove();
});

describe('pipewright serve', () => {
  it.skipIf(process.platform !== 'linux')(
    'is listening before DuckDB is loaded (Linux: /proc memory maps)',
    async () => {
      workspace = tempWorkspace({
        'pipelines/p.pipeline.yaml': 'version: 1\nname: p\nsteps:\n  a:\n    run: "true"\n',
        'data/n.csv': 'n\n1\n',
      });
      served = startCli(['serve', workspace.root], workspace.root);
      const output = served.output;
      await waitFor(() => /127\.0\.0\.1:\d+\/\?token=/.test(output()), 'the studio to listen', 30_000);
      const maps = readFileSync(`/proc/${String(served.child.pid)}/maps`, 'utf8');
      expect(maps).toContain('node');
      expect(maps).not.toMatch(/duckdb/i);
    },
  );
});
