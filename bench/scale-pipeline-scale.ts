// Validating and planning generated pipelines of 100, 1,000 and 10,000 steps, in this process
// (no start-up): the anchor is parsing the same YAML text alone with js-yaml, the parser a valid
// file is read with (yaml-quick-read.ts), the floor any validator pays.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { planRun } from '../electron/services/engine/run-plan.js';
import { RunStore } from '../electron/services/store/run-store.js';
import { Workspace } from '../electron/services/workspace/workspace.js';
import type { BenchRow } from './measure.js';
import { median, ms } from './measure.js';
import { generatedPipeline } from './scale-generated-pipeline.js';

export const PIPELINE_SIZES = [100, 1000, 10_000] as const;
const TARGET_MS = 1000;
const ROUNDS = 3;

function timed(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

export function benchPipelineScale(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const steps of PIPELINE_SIZES) {
    const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-plan-'));
    try {
      mkdirSync(join(root, 'pipelines'));
      mkdirSync(join(root, '.pipewright'));
      writeFileSync(join(root, 'pipewright.yaml'), 'version: 1\n');
      const pipeline = generatedPipeline('generated', steps);
      writeFileSync(join(root, 'pipelines', 'generated.pipeline.yaml'), pipeline.yaml);
      const workspace = Workspace.open(root);
      const entry = workspace.resolvePipeline('generated', root);
      const parsing = median(Array.from({ length: ROUNDS }, () => timed(() => load(pipeline.yaml))));
      let problems = 0;
      const validation = median(
        Array.from({ length: ROUNDS }, () =>
          timed(() => {
            problems = workspace.readPipeline(entry).problems.filter((problem) => problem.severity === 'error').length;
          }),
        ),
      );
      const store = new RunStore(join(root, '.pipewright', 'state.db'));
      let planned = 0;
      try {
        // The first plan validates and caches; the rounds measured plan from the cached validation.
        planRun(workspace, store, { pipeline: 'generated', cwd: root });
        const planning = median(
          Array.from({ length: ROUNDS }, () =>
            timed(() => {
              planned = planRun(workspace, store, { pipeline: 'generated', cwd: root }).steps.length;
            }),
          ),
        );
        const scale = `${steps / PIPELINE_SIZES[0]}×`;
        rows.push({
          benchmark: `validate a ${steps.toLocaleString('en')}-step pipeline (${scale})`,
          anchor: `js-yaml parse ${ms(parsing)}`,
          measured: ms(validation),
          figure: `${(validation / parsing).toFixed(1)}× parse${problems > 0 ? `, ${problems} errors!` : ''}`,
          target: `< ${TARGET_MS} ms`,
          pass: validation < TARGET_MS && problems === 0,
        });
        rows.push({
          benchmark: `plan a run of ${steps.toLocaleString('en')} steps (${scale})`,
          anchor: `js-yaml parse ${ms(parsing)}`,
          measured: ms(planning),
          figure: `${(planning / parsing).toFixed(1)}× parse, ${planned} steps planned`,
          target: `< ${TARGET_MS} ms`,
          pass: planning < TARGET_MS && planned === steps,
        });
      } finally {
        store.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}
