import type { RunEvent, RunSummary } from '../../../shared/run/run-types.js';

/** Something that shows a run while it happens and reports it when it ends. */
export interface RunReporter {
  onEvent(event: RunEvent): void;
  finish(run: RunSummary): void;
}
