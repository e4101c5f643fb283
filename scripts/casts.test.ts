// `npm run lint` must fail on any cast in product code without a comment saying why, and let
// through a commented one, `as const`, and tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { castProblems, castsIn } from './casts.mjs';
import { temporarySourceTrees } from './source-tree.js';

const tree = temporarySourceTrees('pw-casts-');

describe('casts', () => {
  it('is checked by npm run lint', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.lint).toContain('node scripts/casts.mjs');
  });

  it('fails on any cast without a comment saying why, and names its line', () => {
    const root = tree({ 'electron/services/runs.ts': 'export const id = (value: unknown) =>\n  value as string;\n' });
    const problems = castProblems(root, ['electron']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('electron/services/runs.ts:2: value as string');
  });

  it('fails on an angle-bracket assertion too, and counts `as unknown as` once', () => {
    expect(castsIn('a.ts', 'const a = <number>b;\nconst c = d as unknown as string;\n')).toEqual([
      { line: 1, text: '<number>b', explained: false },
      { line: 2, text: 'd as unknown as string', explained: false },
    ]);
  });

  it('passes a cast with a comment on its line or the line before, and `as const`', () => {
    const text = [
      '// cast: the header was checked above',
      'const a = b as Header;',
      'const c = d as Header; // the same header',
      'const modes = ["a", "b"] as const;',
      '',
    ].join('\n');
    expect(castsIn('a.ts', text).map((cast) => cast.explained)).toEqual([true, true]);
    expect(castProblems(tree({ 'shared/a.ts': text }), ['shared'])).toEqual([]);
  });

  it('does not take `//` in a string for a comment', () => {
    expect(castsIn('a.ts', "const url = 'http://x';\nconst a = b as Header;\n")[0]?.explained).toBe(false);
  });

  it('leaves tests alone', () => {
    expect(castProblems(tree({ 'shared/a.test.ts': 'const a = b as Header;\n' }), ['shared'])).toEqual([]);
  });
});
