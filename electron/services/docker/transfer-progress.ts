// Progress of copying a step's files to or from its engine: reported at most once a second
// while it goes on (a large input takes a while to reach a remote host), and once when done.
import type { TransferProgressEvent } from '../runner/step-runner.js';

export type TransferReport = (progress: TransferProgressEvent) => void;

const REPORT_EVERY_MS = 1000;

export class TransferProgress {
  private files = 0;
  private bytes = 0;
  private reportedAt = Date.now();

  constructor(
    private readonly direction: TransferProgressEvent['direction'],
    private readonly report: TransferReport,
  ) {}

  add(bytes: number): void {
    this.files += 1;
    this.bytes += bytes;
    if (Date.now() - this.reportedAt < REPORT_EVERY_MS) return;
    this.reportedAt = Date.now();
    this.report({ direction: this.direction, files: this.files, bytes: this.bytes, done: false });
  }

  finish(): void {
    this.report({ direction: this.direction, files: this.files, bytes: this.bytes, done: true });
  }
}

/** A line of the step log: "copied 3 files (1.2 MB) to tcp://gpu.lab:2376". */
export function describeTransfer(progress: TransferProgressEvent, engine: string): string {
  const verb = progress.done ? 'copied' : 'copying';
  const direction = progress.direction === 'in' ? `to ${engine}` : `back from ${engine}`;
  return `[pipewright] ${verb} ${progress.files} file${progress.files === 1 ? '' : 's'} (${formatBytes(progress.bytes)}) ${direction}${progress.done ? '' : ' so far'}\n`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TB'}`;
}
