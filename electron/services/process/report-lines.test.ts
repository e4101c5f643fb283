import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { onReportLines } from './report-lines.js';

function listen(): { input: PassThrough; heard: string[]; closes: () => number; ended: Promise<void> } {
  const input = new PassThrough();
  const heard: string[] = [];
  let closes = 0;
  const ended = new Promise<void>((resolve) =>
    onReportLines(
      input,
      (line) => heard.push(line),
      () => {
        closes += 1;
        resolve();
      },
    ),
  );
  return { input, heard, closes: () => closes, ended };
}

describe('the launcher report lines', () => {
  it('gives each line once, however the chunks cut them, and a last line without its newline', async () => {
    const { input, heard, closes, ended } = listen();
    input.write('R\nS 1 42 42 (sh) S');
    input.write(' 1 42\nE 1');
    input.write(' 0\n\nW 2\nE 3 1');
    input.end();
    await ended;
    expect(heard).toEqual(['R', 'S 1 42 42 (sh) S 1 42', 'E 1 0', '', 'W 2', 'E 3 1']);
    expect(closes()).toBe(1);
  });

  it('keeps a character whose bytes two chunks split', async () => {
    const { input, heard, ended } = listen();
    const text = Buffer.from('N no setsid in /opt/é\n');
    const cut = text.indexOf(0xc3) + 1;
    input.write(text.subarray(0, cut));
    input.end(text.subarray(cut));
    await ended;
    expect(heard).toEqual(['N no setsid in /opt/é']);
  });

  it('says it closed when the stream is destroyed without an end', async () => {
    const { input, heard, closes, ended } = listen();
    input.write('P 1\nS 2');
    await new Promise((resolve) => setImmediate(resolve));
    input.destroy();
    await ended;
    expect(heard).toEqual(['P 1', 'S 2']);
    expect(closes()).toBe(1);
  });
});
