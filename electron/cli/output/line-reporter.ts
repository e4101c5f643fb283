// Run output for logs and CI: one line per event, step output prefixed with the step id, in
// the order it happened. Nothing is redrawn, so it reads the same in a file as on screen.
import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { RunEvent, RunSummary } from '../../../shared/run/run-types.js';
import type { RunReporter } from './run-reporter.js';
import { failureDetails, lastErrorNote, runHeadline, testLine } from './run-text.js';
import type { Styler } from './terminal-style.js';
import { statusLabel } from './terminal-style.js';

export class LineReporter implements RunReporter {
  private readonly partial = new Map<string, string>();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly style: Styler,
    private readonly root: string,
    private readonly showLogs: boolean,
  ) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'run-started': {
        const { run } = event;
        const env = run.environment ? `, environment ${run.environment}` : '';
        this.write(
          `${this.style('bold', `run ${run.id}`)} of ${run.pipeline}${env}: ${run.steps.length} step(s), up to ${run.options.maxParallel} at once`,
        );
        return;
      }
      case 'step-status': {
        const { step } = event;
        if (step.status === 'running') {
          // A step taken from the cache only has its clock-bound tests run again: no line until its verdict.
          if (step.cachedFrom !== null) return;
          if (step.message) this.write(`${this.prefix(step.id)} ${step.message}`);
          else
            this.write(
              `${this.prefix(step.id)} ${statusLabel(this.style, 'running')}${step.attempts > 1 ? ` (attempt ${step.attempts})` : ''}`,
            );
          return;
        }
        this.flush(step.id);
        const duration =
          step.durationMs !== null && step.status !== 'skipped' && step.status !== 'skipped-condition'
            ? ` in ${formatDuration(step.durationMs)}`
            : '';
        const last = lastErrorNote(step);
        const message = `${step.message ? ` — ${step.message}` : ''}${last ? ` ${last}` : ''}`;
        this.write(`${this.prefix(step.id)} ${statusLabel(this.style, step.status)}${duration}${message}`);
        return;
      }
      case 'step-log':
        if (this.showLogs) this.log(event.stepId, event.text);
        return;
      case 'test-result':
        this.write(`${this.prefix(event.stepId)}${testLine(this.style, event.result).replace(/^ +/, ' ')}`);
        return;
      case 'run-finished':
        return;
    }
  }

  finish(run: RunSummary): void {
    for (const stepId of [...this.partial.keys()]) this.flush(stepId);
    const failures = failureDetails(this.style, this.root, run);
    if (failures && !this.showLogs) this.write(failures);
    this.write(runHeadline(this.style, run));
  }

  private prefix(stepId: string): string {
    return this.style('cyan', `[${stepId}]`);
  }

  private log(stepId: string, text: string): void {
    const lines = ((this.partial.get(stepId) ?? '') + text).split('\n');
    this.partial.set(stepId, lines.pop() ?? '');
    for (const line of lines) this.write(`${this.prefix(stepId)} ${line}`);
  }

  private flush(stepId: string): void {
    const rest = this.partial.get(stepId);
    this.partial.delete(stepId);
    if (rest) this.write(`${this.prefix(stepId)} ${rest}`);
  }

  private write(line: string): void {
    this.out.write(`${line}\n`);
  }
}
