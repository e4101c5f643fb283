import { describe, expect, it } from 'vitest';
import { sampleTable } from './data-sample.js';

const rows = Array.from({ length: 1000 }, (_, index) => `${index},name ${index},${index * 3}`);
const csv = `id,name,value\n${rows.join('\n')}\n`;

function body(sample: string): string[] {
  return sample.trimEnd().split('\n').slice(1);
}

describe('sampleTable', () => {
  it('keeps the header and exactly the asked number of rows, in file order', () => {
    const sample = sampleTable(csv, '.csv', { rows: 25, seed: 7 });
    expect(sample.split('\n')[0]).toBe('id,name,value');
    const kept = body(sample);
    expect(kept).toHaveLength(25);
    const ids = kept.map((line) => Number(line.split(',')[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleTable(csv, '.csv', { rows: 25, seed: 7 })).toBe(sampleTable(csv, '.csv', { rows: 25, seed: 7 }));
    expect(sampleTable(csv, '.csv', { rows: 25, seed: 7 })).not.toBe(sampleTable(csv, '.csv', { rows: 25, seed: 8 }));
  });

  it('keeps about the asked fraction, and a row kept at 10% is kept at 20%', () => {
    const tenth = body(sampleTable(csv, '.csv', { fraction: 0.1, seed: 1 }));
    const fifth = body(sampleTable(csv, '.csv', { fraction: 0.2, seed: 1 }));
    expect(tenth.length).toBeGreaterThan(60);
    expect(tenth.length).toBeLessThan(140);
    expect(tenth.every((row) => fifth.includes(row))).toBe(true);
  });

  it('does not split a quoted CSV field that holds a line break', () => {
    const text = 'id,note\n1,"first\nline"\n2,plain\n';
    const sample = sampleTable(text, '.csv', { rows: 5, seed: 3 });
    expect(sample).toBe(text);
  });

  it('treats every line of TSV and JSON lines as a record, quotes or not', () => {
    const tsv = 'id\tnote\n1\tsays "hi\n2\tplain\n';
    expect(body(sampleTable(tsv, '.tsv', { rows: 10, seed: 1 }))).toEqual(['1\tsays "hi', '2\tplain']);
    const jsonl = '{"a":1}\n{"a":2}\n{"a":3}\n';
    const sample = sampleTable(jsonl, '.jsonl', { rows: 2, seed: 4 }).trimEnd().split('\n');
    expect(sample).toHaveLength(2);
    expect(sample.every((line) => jsonl.includes(line))).toBe(true);
  });

  it('returns an empty file for an empty table and the header alone when nothing is kept', () => {
    expect(sampleTable('', '.csv', { rows: 3, seed: 1 })).toBe('');
    expect(sampleTable('id\n1\n', '.csv', { rows: 0, seed: 1 })).toBe('id\n');
  });
});
