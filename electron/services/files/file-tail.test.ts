import { mkdtempSync, rmSync, truncateSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileTail } from './file-tail.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the tail of a file', () => {
  it('is the whole file when it is small, and empty when there is none', () => {
    writeFileSync(join(dir, 'small.log'), 'one\ntwo\n');
    expect(readFileTail(join(dir, 'small.log'), 1024)).toEqual({ text: 'one\ntwo\n', size: 8, truncated: false });
    expect(readFileTail(join(dir, 'missing.log'), 1024)).toEqual({ text: '', size: 0, truncated: false });
  });

  it('starts on a whole line when cut, and never inside a character', () => {
    writeFileSync(join(dir, 'lines.log'), 'first line\nsecond line\nthird\n');
    expect(readFileTail(join(dir, 'lines.log'), 15)).toMatchObject({ text: 'third\n', truncated: true });
    writeFileSync(join(dir, 'accents.log'), 'ééééé');
    expect(readFileTail(join(dir, 'accents.log'), 5).text).toBe('éé');
  });

  it('of a 3 GiB log is its end, read without the rest', () => {
    const path = join(dir, 'huge.log');
    // Sparse: 3 GiB long, a few bytes on disk.
    writeFileSync(path, '');
    truncateSync(path, 3 * 1024 ** 3);
    appendFileSync(path, '\nthe last line\n');
    const tail = readFileTail(path, 1024 * 1024);
    expect(tail).toMatchObject({ size: 3 * 1024 ** 3 + 15, truncated: true });
    expect(tail.text.endsWith('the last line\n')).toBe(true);
    expect(tail.text.length).toBeLessThanOrEqual(1024 * 1024);
  });
});
