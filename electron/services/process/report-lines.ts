// The step launcher's reports arrive as lines on its stdout, several to a chunk or one split
// across two. Splitting them here costs a fraction of node:readline, which is built for
// terminals (history, escape sequences, \r) and showed as a twentieth of the engine's time
// per no-op step.
import type { Readable } from 'node:stream';

/** Calls `line` for each complete line of `input` (without its \n), and `closed` once it ends. */
export function onReportLines(input: Readable, line: (text: string) => void, closed: () => void): void {
  let partial = '';
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) line(text);
  });
  input.on('close', () => {
    // A last line without its \n still counts: the launcher that wrote it is gone.
    if (partial !== '') line(partial);
    partial = '';
    closed();
  });
}
