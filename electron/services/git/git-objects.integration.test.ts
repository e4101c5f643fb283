// Blobs hashed and compressed by Pipewright itself, judged by the git CLI: git reads what it
// writes, it reads what git writes (loose and packed), and a damaged object is refused.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fsckProblems, gitCli, tempRepository } from '../../testing/git-cli.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { openGitContext } from './git-context.js';
import { readBlob, writeBlob } from './git-objects.js';

let workspace: TempWorkspace;

afterEach(() => workspace?.remove());

function context() {
  workspace = tempRepository({ 'a.txt': 'a\n' });
  return openGitContext({ root: workspace.root, gitdir: join(workspace.root, '.git') });
}

const looseFile = (oid: string) => join(workspace.root, '.git', 'objects', oid.slice(0, 2), oid.slice(2));

describe('git objects', () => {
  it('writes blobs git reads back, under the id git gives them', async () => {
    const git = context();
    const content = Buffer.concat([Buffer.from('binary \0 and text\n'), Buffer.alloc(70_000, 7)]);
    const oid = await writeBlob(git, content);
    writeFileSync(join(workspace.root, 'same.bin'), content);
    expect(oid).toBe(gitCli(workspace.root, 'hash-object', 'same.bin').trim());
    expect(gitCli(workspace.root, 'cat-file', '-t', oid).trim()).toBe('blob');
    expect(gitCli(workspace.root, 'cat-file', '-s', oid).trim()).toBe(String(content.length));
    expect(await writeBlob(git, Buffer.alloc(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    expect(fsckProblems(workspace.root)).toBe('');
  });

  it('reads blobs git wrote, loose and packed', async () => {
    const git = context();
    writeFileSync(join(workspace.root, 'b.txt'), 'written by git\n');
    const loose = gitCli(workspace.root, 'hash-object', '-w', 'b.txt').trim();
    expect((await readBlob(git, loose)).toString()).toBe('written by git\n');
    gitCli(workspace.root, 'add', 'b.txt');
    gitCli(workspace.root, 'commit', '-q', '-m', 'b');
    gitCli(workspace.root, 'gc', '-q', '--prune=now');
    expect(() => readFileSync(looseFile(loose))).toThrow();
    const packed = openGitContext({ root: workspace.root, gitdir: join(workspace.root, '.git') });
    expect((await readBlob(packed, loose)).toString()).toBe('written by git\n');
  });

  it('refuses an object that is not a blob, and one whose content does not match its id', async () => {
    const git = context();
    const tree = gitCli(workspace.root, 'rev-parse', 'HEAD^{tree}').trim();
    await expect(readBlob(git, tree)).rejects.toThrow(/is a tree, not a file's content/);
    const oid = await writeBlob(git, Buffer.from('original\n'));
    chmodSync(looseFile(oid), 0o644);
    writeFileSync(looseFile(oid), deflateSync(Buffer.from('blob 9\0tampered\n')));
    await expect(readBlob(git, oid)).rejects.toThrow(/damaged: its content does not match its id/);
  });
});
