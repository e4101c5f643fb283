// A workspace prepared by an attacker, for the hostile-workspace suites: a folder outside it
// holding a secret, so every escape can be attempted for real and the outside checked
// untouched afterwards (listed with sizes and contents' length before and after).
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SECRET = 'hunter2-do-not-leak';

export interface Outside {
  dir: string;
  /** Every entry below the folder with its type and size, sorted. */
  listing(): string[];
  remove(): void;
}

/** A folder outside any workspace with one secret file in it. */
export function outsideFolder(): Outside {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
  writeFileSync(join(dir, 'secret.csv'), `id,secret\n1,${SECRET}\n`);
  const listing = () => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => {
    const info = lstatSync(join(dir, name));
    return `${info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : 'f'} ${name} ${info.isFile() ? info.size : ''}`;
  });
  return { dir, listing, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** The names and contents of the files of .git/hooks, to check that nothing landed there. */
export function hooksOf(root: string): Record<string, string> {
  const dir = join(root, '.git', 'hooks');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return {};
  }
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
