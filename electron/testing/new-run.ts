// A run's header as the engine would create it, for tests that write runs into a real store.
import type { NewRun } from '../services/store/run-store.js';

/** A manual run of `pipeline` with default options; `changes` set what a test cares about. */
export function newRun(id: string, pipeline: string, changes: Partial<NewRun> = {}): NewRun {
  return {
    id,
    pipeline,
    pipelineFile: `pipelines/${pipeline}.pipeline.yaml`,
    environment: null,
    params: {},
    selection: {},
    options: { maxParallel: 1, failFast: false, noCache: false },
    createdAt: 1,
    owner: { pid: process.pid, started: 'now' },
    gitBranch: null,
    gitCommit: null,
    ref: null,
    trigger: { kind: 'manual', name: null },
    ...changes,
  };
}
