// A step attempt's log file. Opened on the first byte of output, so a silent step costs no
// file at all (a missing log reads as empty), which matters for pipelines of many tiny steps.
import { closeSync, openSync, writeSync } from 'node:fs';

export class StepLog {
  private fd: number | null = null;

  constructor(private readonly path: string) {}

  write(chunk: Buffer): void {
    this.fd ??= openSync(this.path, 'a');
    writeSync(this.fd, chunk);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
