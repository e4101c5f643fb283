// A step writing 1,000 to 100,000 lines, run from the studio while its log streams to the
// page: how much the `pipewright serve` process grows (peak resident memory during the run
// over its size before). Bounded buffers keep it flat however long the log is.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { BenchRow } from './measure.js';
import { painted, residentBytes, serveStudio, untilStepsDrawn } from './scale-served-studio.js';

const LINE_COUNTS = [1000, 10_000, 100_000] as const;
const TARGET_BYTES = 50 * 1024 * 1024;
const SAMPLE_MS = 25;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function loggingWorkspace(lines: number): string {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-log-'));
  mkdirSync(join(root, 'pipelines'));
  writeFileSync(join(root, 'pipewright.yaml'), 'version: 1\n');
  writeFileSync(
    join(root, 'print.js'),
    `for (let i = 1; i <= ${lines}; i += 1) console.log(\`line \${i} of the step's log, with some text to make it a typical width\`);\n`,
  );
  writeFileSync(
    join(root, 'pipelines', 'chatty.pipeline.yaml'),
    `version: 1\nname: chatty\nsteps:\n  talk:\n    run: ${JSON.stringify(`"${process.execPath}" print.js`)}\n`,
  );
  return root;
}

export async function benchLogMemory(browser: Browser, cli: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const lines of LINE_COUNTS) {
    const root = loggingWorkspace(lines);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const studio = await serveStudio(cli, root);
    try {
      await page.goto(studio.url);
      await untilStepsDrawn(page, 60_000);
      await painted(page);
      const before = residentBytes(studio.pid);
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, residentBytes(studio.pid));
      }, SAMPLE_MS);
      try {
        await page.getByTestId('run-button').click();
        await page.getByTestId('run-confirm').click();
        await page.waitForFunction(
          () => {
            const status = document.querySelector('[data-testid="run-progress"]')?.getAttribute('data-run-status');
            return status !== undefined && status !== null && status !== 'running';
          },
          undefined,
          { timeout: 300_000 },
        );
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, residentBytes(studio.pid));
      const status = await page.getByTestId('run-progress').getAttribute('data-run-status');
      const growth = peak - before;
      rows.push({
        benchmark: `serve process growth, ${lines.toLocaleString('en')}-line log streamed (${lines / LINE_COUNTS[0]}×)`,
        anchor: `before ${mb(before)}`,
        measured: mb(growth),
        figure: `peak ${mb(peak)}, run ${status ?? '?'}`,
        target: `≤ ${mb(TARGET_BYTES)}`,
        pass: growth <= TARGET_BYTES && status === 'succeeded',
      });
    } finally {
      await page.close();
      await studio.stop();
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}
