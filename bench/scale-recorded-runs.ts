// A workspace with a long history, written straight into its state database: N finished runs
// of a pipeline (three steps each, one attempt and log path per step), spread over the last
// year, alternating two branches, every tenth run recording a metric (a series for the
// Monitor chart). Far faster than running them, and the rows are what the engine writes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRunId } from '../electron/services/engine/run-id.js';
import { RunStore } from '../electron/services/store/run-store.js';

export const HISTORY_PIPELINE = 'history';
export const METRIC = { step: 'train', name: 'accuracy' } as const;
const STEPS = ['ingest', 'clean', 'train'] as const;
const YEAR_MS = 365 * 86_400_000;
/** The oldest runs also get their log folders, so pruning has files to remove (and the bench checks it did). */
export const LOGGED_RUNS = 50;

const PIPELINE = `version: 1
name: ${HISTORY_PIPELINE}
steps:
  ingest:
    run: echo ingest
  clean:
    run: echo clean
    needs: [ingest]
  train:
    run: echo train
    needs: [clean]
    metrics: [metrics.json]
`;

export interface RecordedHistory {
  root: string;
  /** Ids newest first, as `pipewright runs` lists them. */
  newest: string[];
  /** The oldest runs, which have log folders. */
  logged: string[];
  metricPoints: number;
}

/** A fresh workspace holding `runs` recorded runs; the last of them is the newest. */
export function workspaceWithRuns(runs: number, now = Date.now()): RecordedHistory {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-bench-runs-'));
  mkdirSync(join(root, 'pipelines'));
  mkdirSync(join(root, '.pipewright'));
  writeFileSync(join(root, 'pipewright.yaml'), 'version: 1\n');
  writeFileSync(join(root, 'pipelines', `${HISTORY_PIPELINE}.pipeline.yaml`), PIPELINE);
  const store = new RunStore(join(root, '.pipewright', 'state.db'));
  const db = store.database;
  const insertRun =
    db.prepare(`INSERT INTO runs (id, pipeline, pipeline_file, environment, status, params, selection, options, created_at, finished_at, git_branch, git_commit)
    VALUES (?, ?, ?, NULL, ?, '{}', '{}', '{"maxParallel":2,"failFast":false,"noCache":false}', ?, ?, ?, 'abc123')`);
  const insertStep =
    db.prepare(`INSERT INTO step_runs (run_id, step_id, position, status, attempts, exit_code, started_at, finished_at, duration_ms, log_path)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`);
  const insertAttempt =
    db.prepare(`INSERT INTO attempts (run_id, step_id, attempt, pid, started_at, finished_at, exit_code, outcome, log_path)
    VALUES (?, ?, 1, 4242, ?, ?, ?, ?, ?)`);
  const insertMetric = db.prepare(
    `INSERT INTO metrics (run_id, pipeline, environment, step_id, name, value, recorded_at) VALUES (?, ?, '', ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  let metricPoints = 0;
  let seed = 11;
  const uniform = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  // Near normal (a sum of uniforms), centred on 0 with a standard deviation of about 1.
  const noise = () => (uniform() + uniform() + uniform() + uniform() - 2) * Math.sqrt(3);
  db.transaction(() => {
    for (let index = 0; index < runs; index += 1) {
      const createdAt = now - YEAR_MS + Math.floor((index / runs) * YEAR_MS);
      const id = newRunId(new Date(createdAt));
      const failed = index % 17 === 5;
      insertRun.run(
        id,
        HISTORY_PIPELINE,
        `pipelines/${HISTORY_PIPELINE}.pipeline.yaml`,
        failed ? 'failed' : 'succeeded',
        createdAt,
        createdAt + 900,
        index % 2 === 0 ? 'main' : 'experiment',
      );
      STEPS.forEach((step, position) => {
        const status = failed && step === 'train' ? 'failed' : 'succeeded';
        const log = `.pipewright/runs/${id}/logs/${step}.1.log`;
        insertStep.run(
          id,
          step,
          position,
          status,
          status === 'failed' ? 1 : 0,
          createdAt + position * 300,
          createdAt + position * 300 + 250,
          250,
          log,
        );
        insertAttempt.run(
          id,
          step,
          createdAt + position * 300,
          createdAt + position * 300 + 250,
          status === 'failed' ? 1 : 0,
          status,
          log,
        );
      });
      if (index % 10 === 0 && !failed) {
        // A steady process with a little noise and, now and then, a run well out of control.
        const value = 0.9 + noise() * 0.01 + ((index / 10) % 97 === 50 ? 0.2 : 0);
        insertMetric.run(id, HISTORY_PIPELINE, METRIC.step, METRIC.name, value, createdAt + 900);
        metricPoints += 1;
      }
      if (index < LOGGED_RUNS) {
        mkdirSync(join(root, '.pipewright', 'runs', id, 'logs'), { recursive: true });
        for (const step of STEPS)
          writeFileSync(
            join(root, '.pipewright', 'runs', id, 'logs', `${step}.1.log`),
            `${step} of run ${index}\n`.repeat(100),
          );
      }
      ids.push(id);
    }
  })();
  store.close();
  return { root, logged: ids.slice(0, LOGGED_RUNS), newest: ids.reverse(), metricPoints };
}
