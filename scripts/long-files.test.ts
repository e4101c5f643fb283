// `npm run lint` must fail on a product file over 300 lines whose header does not say why, and
// let through a shorter one, a long one that says why, and tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MOST_LINES, header, lineCount, longFileProblems } from './long-files.mjs';
import { temporarySourceTrees } from './source-tree.js';

const tree = temporarySourceTrees('pw-long-files-');

const code = (lines: number) => Array.from({ length: lines }, (_, index) => `export const a${index} = ${index};`);
const file = (header: string[], lines: number) => `${[...header, ...code(lines - header.length)].join('\n')}\n`;

describe('long files', () => {
  it('is checked by npm run lint', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.lint).toContain('node scripts/long-files.mjs');
  });

  it('fails on a product file over the limit without a reason in its header, naming its length', () => {
    const root = tree({ 'renderer/src/canvas/Canvas.tsx': file(['// The canvas.'], MOST_LINES + 1) });
    expect(longFileProblems(root, ['renderer/src'])).toEqual([
      `renderer/src/canvas/Canvas.tsx has ${MOST_LINES + 1} lines and its header does not say why ("Over 300 lines because …")`,
    ]);
  });

  it('passes a file at the limit, a longer one whose header says why, and tests', () => {
    const root = tree({
      'electron/at-limit.ts': file(['// Short enough.'], MOST_LINES),
      'electron/explained.ts': file(['// The runner.', '// Over 300 lines because its parts share one lifetime.'], 400),
      'electron/on-purpose.ts': file(
        ['/*', ' * The contract.', ' * Over 300 lines on purpose: it is read in one place.', ' */'],
        400,
      ),
      'electron/long.test.ts': file(['// A test.'], 400),
    });
    expect(longFileProblems(root, ['electron'])).toEqual([]);
  });

  it('does not take a reason written further down, below the code, for the header', () => {
    const text = `${file(['// The runner.'], MOST_LINES)}// Over 300 lines because of this.\n`;
    expect(longFileProblems(tree({ 'shared/late.ts': text }), ['shared'])).toHaveLength(1);
  });

  it('reads a header after a #! line or a directive, and a block comment to its end', () => {
    expect(header(['#!/usr/bin/env node', '// The CLI.', '// Over 300 lines because …', 'import a from "a";'])).toEqual(
      ['// The CLI.', '// Over 300 lines because …'],
    );
    expect(header(["'use client';", '/* The canvas.', '   Over 300 lines because …', '*/', 'const a = 1;'])).toEqual([
      '/* The canvas.',
      '   Over 300 lines because …',
      '*/',
    ]);
    expect(header(['/* one line */', 'const a = 1;', '// later'])).toEqual(['/* one line */']);
  });

  it('counts lines as an editor shows them', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb\n')]).toEqual([0, 1, 1, 2]);
  });
});
