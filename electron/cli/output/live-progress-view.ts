// The run view on a terminal: finished steps scroll up as permanent lines while a footer
// redraws in place with what is running now, for how long, and how far the run has got.
import { createLogUpdate } from 'log-update';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { progressText, runProgress } from '../../../shared/run/run-progress.js';
import type { RunEvent, RunSummary, StepRunSummary } from '../../../shared/run/run-types.js';
import type { RunReporter } from './run-reporter.js';
import { failureDetails, padVisible, runHeadline, stepLine, testLine } from './run-text.js';
import type { Styler } from './terminal-style.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 100;

export class LiveProgressView implements RunReporter {
  private readonly update: ReturnType<typeof createLogUpdate>;
  private readonly steps = new Map<string, StepRunSummary>();
  private readonly timer: NodeJS.Timeout;
  private idWidth = 4;
  private frame = 0;
  private started = Date.now();
  private title = '';

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly style: Styler,
    private readonly root: string,
  ) {
    this.update = createLogUpdate(out);
    this.timer = setInterval(() => this.redraw(), REDRAW_MS);
    this.timer.unref();
  }

  onEvent(event: RunEvent): void {
    if (event.type === 'run-started') {
      const { run } = event;
      this.started = run.createdAt;
      for (const step of run.steps) this.steps.set(step.id, step);
      this.idWidth = Math.max(4, ...run.steps.map((step) => step.id.length));
      this.title = `${this.style('bold', run.pipeline)} run ${run.id}${run.environment ? ` · ${run.environment}` : ''}`;
      this.update.persist(this.title);
      for (const step of run.steps) if (step.status !== 'pending') this.persistStep(step);
    } else if (event.type === 'step-status') {
      this.steps.set(event.step.id, event.step);
      if (event.step.status !== 'running' && event.step.status !== 'pending') this.persistStep(event.step);
    }
    this.redraw();
  }

  finish(run: RunSummary): void {
    clearInterval(this.timer);
    this.update.clear();
    const failures = failureDetails(this.style, this.root, run);
    if (failures) this.out.write(`\n${failures}\n`);
    this.out.write(`${runHeadline(this.style, run)}\n`);
  }

  private persistStep(step: StepRunSummary): void {
    const lines = [stepLine(this.style, step, this.idWidth), ...step.tests.map((test) => testLine(this.style, test))];
    this.update.persist(lines.join('\n'));
  }

  private redraw(): void {
    this.frame = (this.frame + 1) % SPINNER.length;
    const all = [...this.steps.values()];
    const running = all.filter((step) => step.status === 'running');

    const rows = Math.max(3, (this.out.rows || 24) - 4);
    const lines = running.slice(0, rows).map((step) => {
      const elapsed = step.startedAt === null ? '' : formatDuration(Date.now() - step.startedAt);
      const note = step.message
        ? this.style('gray', ` — ${step.message}`)
        : step.attempts > 1
          ? this.style('gray', ` (attempt ${step.attempts})`)
          : '';
      const label = padVisible(this.style('cyan', `${SPINNER[this.frame] ?? ''} running`), 13);
      return `  ${label}  ${step.id.padEnd(this.idWidth)}  ${this.style('gray', elapsed)}${note}`;
    });
    if (running.length > rows) lines.push(this.style('gray', `  … and ${running.length - rows} more running`));
    const progress = runProgress(all);
    lines.push(
      this.style(
        'gray',
        `  ${progressText(progress)} · ${progress.waiting} waiting · ${formatDuration(Math.max(0, Date.now() - this.started))}`,
      ),
    );
    this.update(lines.join('\n'));
  }
}
