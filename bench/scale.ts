// How cost grows with the work (issue 16's scale targets): pipelines of 100 to 10,000 steps,
// workspaces of 1,000 to 100,000 runs, logs of 1,000 to 100,000 lines, each at 1×, 10× and
// 100× so the growth shows in one table, and the studio's start and memory. Parts that need
// Chromium report a failing row where it is missing.
import { existsSync } from 'node:fs';
import type { BenchRow } from './measure.js';
import { guarded, missingRow } from './measure.js';
import { benchLogMemory } from './scale-log-memory.js';
import { benchPipelineScale } from './scale-pipeline-scale.js';
import { benchRunsScale } from './scale-runs-scale.js';
import { CHROMIUM, launchChromium } from './scale-served-studio.js';
import { benchStudioScale } from './scale-studio-scale.js';

export async function benchScale(cli: string): Promise<BenchRow[]> {
  const rows = [
    ...(await guarded('scale: pipelines', () => benchPipelineScale())),
    ...(await guarded('scale: run history', () => benchRunsScale(cli))),
  ];
  if (!existsSync(CHROMIUM))
    return [
      ...rows,
      missingRow('scale: studio', `no Chromium at ${CHROMIUM} (apt-get install chromium, or set PIPEWRIGHT_CHROMIUM)`),
    ];
  const browser = await launchChromium();
  try {
    rows.push(...(await guarded('scale: studio', () => benchStudioScale(browser, cli))));
    rows.push(...(await guarded('scale: log streaming', () => benchLogMemory(browser, cli))));
  } finally {
    await browser.close();
  }
  return rows;
}
