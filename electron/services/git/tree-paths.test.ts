import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGitFolderName, refuseUnsafeWrites, unsafeTreePath } from './tree-paths.js';

describe('names git never writes', () => {
  it.each(['.git', '.GIT', '.Git.', '.git ', '.git::$INDEX_ALLOCATION', 'git~1', '.git~2', '.g\u200cit', '\ufeff.git'])(
    '%s is .git',
    (name) => {
      expect(isGitFolderName(name)).toBe(true);
    },
  );

  it.each(['.github', 'git', '.gitignore', '.gitkeep', 'my.git', 'git~0'])('%s is not', (name) => {
    expect(isGitFolderName(name)).toBe(false);
  });

  it('refuses .., ., empty parts, backslashes and .git at any depth', () => {
    expect(unsafeTreePath('src/app.py')).toBeNull();
    expect(unsafeTreePath('../x')).toBe('"../x" holds an entry named ".."');
    expect(unsafeTreePath('a/./b')).toBe('"a/./b" holds an entry named "."');
    expect(unsafeTreePath('a//b')).toBe('"a//b" holds an entry named ""');
    expect(unsafeTreePath('a\\..\\b')).toBe('"a\\..\\b" holds a backslash or NUL in a name');
    expect(unsafeTreePath('vendor/.git/hooks/x')).toBe(
      '"vendor/.git/hooks/x" is inside a folder named .git, which is git\'s own',
    );
  });
});

describe('writes into the working tree', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pipewright-tree-paths-'));
    mkdirSync(join(root, 'real'));
    symlinkSync('/tmp', join(root, 'link'));
    writeFileSync(join(root, 'file'), 'x');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are refused through a link or a file, unless that is removed first, and for a file and folder of one name', () => {
    expect(() => refuseUnsafeWrites(root, ['real/a.txt', 'new/deep/b.txt'], new Set())).not.toThrow();
    expect(() => refuseUnsafeWrites(root, ['link/x'], new Set())).toThrow(
      '"link/x" would be written through "link", a symbolic link in the working tree',
    );
    expect(() => refuseUnsafeWrites(root, ['file/x'], new Set())).toThrow(
      '"file/x" would be written through "file", a file in the working tree',
    );
    expect(() => refuseUnsafeWrites(root, ['link/x'], new Set(['link']))).not.toThrow();
    expect(() => refuseUnsafeWrites(root, ['a', 'a/x'], new Set())).toThrow(
      'the tree holds a file "a" and "a/x" inside a folder of that name',
    );
    expect(() => refuseUnsafeWrites(root, ['.git/hooks/pre-commit'], new Set())).toThrow(
      /refused, nothing was written/,
    );
  });
});
