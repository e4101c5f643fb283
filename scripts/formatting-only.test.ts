// A formatting commit is checked to change no code: the script must tell a commit that only
// reformats (line breaks, quotes, JSX text around {' '}) from one that changes a single value.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeChanges } from './formatting-only.mjs';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function repositoryWith(first: Record<string, string>, second: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'pipewright-formatting-only-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: root });
  git('init', '-q', '-b', 'main');
  for (const files of [first, second]) {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
    git('add', '-A');
    git('commit', '-q', '-m', 'commit');
  }
  return root;
}

const BEFORE = {
  'a.ts':
    "const labels: Record<string, string> = { 'started': 'started', \"odd-key\": 'x' }\nexport const f = (n: number) => { if (n > 1) return labels.started; return 'no' }\n",
  'b.tsx': 'export const B = ({ n }: { n: number }) => <span>Runs · {n}</span>;\n',
  'c.css': '.a{color:red;margin:0 1px}\n',
};

describe('formatting-only', () => {
  it('finds no code change in a commit that only reformats', () => {
    const after = {
      'a.ts':
        "const labels: Record<string, string> = {\n  started: 'started',\n  'odd-key': 'x',\n};\nexport const f = (n: number) => {\n  if (n > 1) return labels.started;\n  return 'no';\n};\n",
      'b.tsx': "export const B = ({ n }: { n: number }) => (\n  <span>\n    Runs ·{' '}\n    {n}\n  </span>\n);\n",
      'c.css': '.a {\n  color: red;\n  margin: 0 1px;\n}\n',
    };
    expect(codeChanges(repositoryWith(BEFORE, after), 'HEAD')).toEqual({ changed: [], unchecked: [] });
  });

  it('names each file whose code changed, however small the change', () => {
    const after = {
      'a.ts': BEFORE['a.ts'].replace('n > 1', 'n >= 1'),
      'b.tsx': BEFORE['b.tsx'].replace('Runs ·', 'Runs:'),
      'c.css': BEFORE['c.css'].replace('1px', '2px'),
    };
    expect(codeChanges(repositoryWith(BEFORE, after), 'HEAD').changed.sort()).toEqual(['a.ts', 'b.tsx', 'c.css']);
  });
});
