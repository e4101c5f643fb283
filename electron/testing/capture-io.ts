// Output streams that record what a command writes, for running the CLI in-process.
import type { CliIO } from '../cli/io/cli-io.js';

export interface CapturedIO extends Omit<CliIO, 'workspace'> {
  out(): string;
  err(): string;
}

function recorder(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = {
    isTTY: false,
    columns: 100,
    write(chunk: string | Uint8Array) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

export function captureIO(cwd: string): CapturedIO {
  const stdout = recorder();
  const stderr = recorder();
  return { stdout: stdout.stream, stderr: stderr.stream, cwd, out: stdout.text, err: stderr.text };
}
