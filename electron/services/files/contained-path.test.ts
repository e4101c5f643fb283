import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsafePathError, containedEntry, containedPath, realLocation } from './contained-path.js';

let base = '';
let root = '';
let outside = '';

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pipewright-contained-')));
  root = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'data'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'data/a.csv'), 'x\n');
  writeFileSync(join(outside, 'secret.txt'), 'secret\n');
  symlinkSync(outside, join(root, 'out'));
  symlinkSync('data', join(root, 'inner'));
  symlinkSync(join(outside, 'missing.txt'), join(root, 'dangling.txt'));
  symlinkSync('data/later.csv', join(root, 'dangling-inside.csv'));
  symlinkSync('../..', join(root, 'data/up'));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  execFileSync('mkfifo', [join(root, 'data/pipe.csv')]);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('containedPath', () => {
  it('resolves paths inside the workspace, through links that stay inside, and paths not there yet', () => {
    expect(containedPath(root, 'data/a.csv', 'input')).toBe(join(root, 'data/a.csv'));
    expect(containedPath(root, 'inner/a.csv', 'input')).toBe(join(root, 'data/a.csv'));
    expect(containedPath(root, 'new/deep/file.csv', 'output')).toBe(join(root, 'new/deep/file.csv'));
    expect(containedPath(root, 'dangling-inside.csv', 'output')).toBe(join(root, 'data/later.csv'));
  });

  it('refuses a link leading out, at any depth, naming the link and its target', () => {
    expect(() => containedPath(root, 'out/x.csv', 'output out/x.csv')).toThrow(
      `output out/x.csv: "out" is a symbolic link leading out of the workspace (to ${outside}): refused (a pipeline reads and writes only inside its workspace)`,
    );
    expect(() => containedPath(root, 'out/new/deeper.csv', 'output')).toThrow(UnsafePathError);
    expect(() => containedPath(root, 'data/up/outside/secret.txt', 'input')).toThrow(
      '"data/up" is a symbolic link leading out of the workspace',
    );
  });

  it('follows a dangling link to where a write would create its target', () => {
    expect(realLocation(join(root, 'dangling.txt'))).toBe(join(outside, 'missing.txt'));
    expect(() => containedPath(root, 'dangling.txt', 'output dangling.txt')).toThrow(
      '"dangling.txt" is a symbolic link leading out of the workspace',
    );
  });

  it('refuses absolute paths and .. climbing out, and ends a link loop', () => {
    expect(() => containedPath(root, '/etc/passwd', 'input /etc/passwd')).toThrow(
      'input /etc/passwd: an absolute path; give the path relative to the workspace',
    );
    expect(() => containedPath(root, '../outside/secret.txt', 'input')).toThrow('the path leaves the workspace ("..")');
    expect(() => containedPath(root, 'loop-a/x', 'input')).toThrow();
  });
});

describe('containedEntry', () => {
  it('says what is there, refusing a FIFO', () => {
    expect(containedEntry(root, 'data/a.csv', 'input').kind).toBe('file');
    expect(containedEntry(root, 'inner', 'input').kind).toBe('folder');
    expect(containedEntry(root, 'data/none.csv', 'input').kind).toBe('missing');
    expect(containedEntry(root, 'data/a.csv/below', 'input').kind).toBe('missing');
    expect(() => containedEntry(root, 'data/pipe.csv', 'input data/pipe.csv')).toThrow(
      'input data/pipe.csv: is a FIFO (named pipe), not a file or folder: refused (reading it could block forever)',
    );
  });
});
