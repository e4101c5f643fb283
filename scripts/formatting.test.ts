// `npm run lint` fails on a file that is not in the house format (Prettier, configured once in
// .prettierrc.json): these cases must stay true.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check, getFileInfo, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scripts = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> })
  .scripts;

async function formatted(file: string, text: string): Promise<boolean> {
  const options = await resolveConfig(`${root}${file}`);
  return check(text, { ...options, filepath: `${root}${file}` });
}

describe('formatting', () => {
  it('is checked by npm run lint', () => {
    expect(scripts.lint).toContain('prettier --check');
  });

  it('refuses code that is not in the house format', async () => {
    expect(await formatted('electron/services/x.ts', 'export const runs = [ "a","b" ]\n')).toBe(false);
    expect(
      await formatted('renderer/src/x.tsx', 'export const Empty = () => <div className="x" >{ null }</div>\n'),
    ).toBe(false);
  });

  it('accepts code in the house format', async () => {
    expect(await formatted('electron/services/x.ts', "export const runs = ['a', 'b'];\n")).toBe(true);
  });

  it('checks the product code, and leaves templates and vendored files alone', async () => {
    expect(
      (await getFileInfo(`${root}electron/services/engine/run-plan.ts`, { ignorePath: `${root}.prettierignore` }))
        .ignored,
    ).toBe(false);
    expect(
      (await getFileInfo(`${root}resources/templates/ml/steps/train.py`, { ignorePath: `${root}.prettierignore` }))
        .ignored,
    ).toBe(true);
  });
});
