// A process killed between writing a temporary file inside .git and renaming it leaves the
// temporary behind. Checked with the git CLI: git must not read it (as a tag, as an object),
// and the sweep after a crash removes it once its writer is gone.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsckProblems, gitCli, tempRepository } from '../../testing/git-cli.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { removeDeadTemporaries } from './dead-temporaries.js';
import { temporaryOwner, temporaryPath } from './git-fs.js';

/** A pid no process has: above Linux's largest pid_max. */
const GONE = 4_194_400;

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

function leftBehind(gitdir: string, path: string, content: string): string {
  const temporary = temporaryPath(gitdir, join(gitdir, path), GONE, 7);
  mkdirSync(dirname(temporary), { recursive: true });
  writeFileSync(temporary, content);
  return temporary;
}

describe('temporary files of a killed git write', () => {
  it('are passed over by git and swept once their writer is gone', () => {
    workspace = tempRepository({ 'a.txt': 'a\n' });
    const gitdir = join(workspace.root, '.git');
    const head = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    const tag = leftBehind(gitdir, 'refs/tags/release-9', `${head}\n`);
    const branch = leftBehind(gitdir, 'refs/heads/main', `${head}\n`);
    const object = leftBehind(gitdir, `objects/ab/${'c'.repeat(38)}`, 'half an object');

    expect(fsckProblems(workspace.root)).toBe('');
    expect(gitCli(workspace.root, 'tag').trim()).toBe('');
    expect(gitCli(workspace.root, 'for-each-ref', '--format=%(refname)').trim()).toBe('refs/heads/main');

    expect(removeDeadTemporaries(gitdir).sort()).toEqual([branch, object, tag].sort());
    expect([tag, branch, object].filter((path) => existsSync(path))).toEqual([]);
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('keeps the temporary files of a writer that is still alive', () => {
    workspace = tempRepository({ 'a.txt': 'a\n' });
    const gitdir = join(workspace.root, '.git');
    const mine = temporaryPath(gitdir, join(gitdir, 'refs/tags/release-1'), process.pid, 1);
    writeFileSync(mine, 'x\n');
    expect(removeDeadTemporaries(gitdir)).toEqual([]);
    expect(existsSync(mine)).toBe(true);
  });

  it('knows its own names, old and new, and no others', () => {
    expect(temporaryOwner('release-2.pw-81-3.lock')).toBe(81);
    expect(temporaryOwner('release-2.pw-81-3.tmp')).toBe(81);
    expect(temporaryOwner('tmp_obj_pw-81-3')).toBe(81);
    expect(temporaryOwner('main.lock')).toBeUndefined();
    expect(temporaryOwner('tmp_obj_Xa81b3')).toBeUndefined();
    expect(temporaryOwner('release-2.pw-81-3')).toBeUndefined();
  });
});
