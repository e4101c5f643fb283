// Saving an export into the workspace on a real file system: inside only, never through a
// link, never over a file without being told to.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportError } from './export-error.js';
import { saveExportFile } from './export-file.js';

let root: string;
let outside: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pipewright-export-file-'));
  outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('saveExportFile', () => {
  it('writes a new file, making its folders, and asks before replacing one', () => {
    expect(saveExportFile(root, '.github/workflows/pipewright.yml', 'one\n', false)).toEqual({
      saved: true,
      file: '.github/workflows/pipewright.yml',
    });
    expect(saveExportFile(root, '.github/workflows/pipewright.yml', 'two\n', false)).toEqual({
      saved: false,
      exists: true,
      file: '.github/workflows/pipewright.yml',
    });
    expect(readFileSync(join(root, '.github/workflows/pipewright.yml'), 'utf8')).toBe('one\n');
    expect(saveExportFile(root, '.github/workflows/pipewright.yml', 'two\n', true).saved).toBe(true);
    expect(readFileSync(join(root, '.github/workflows/pipewright.yml'), 'utf8')).toBe('two\n');
  });

  it('refuses a folder that links out of the workspace and a file that is a link, even with overwrite', () => {
    symlinkSync(outside, join(root, 'argo'));
    expect(() => saveExportFile(root, 'argo/sales.yaml', 'x', true)).toThrow(ExportError);
    expect(existsSync(join(outside, 'sales.yaml'))).toBe(false);

    mkdirSync(join(root, 'ci'));
    writeFileSync(join(outside, 'target.yml'), 'theirs\n');
    symlinkSync(join(root, 'ci', 'other.yml'), join(root, 'ci', 'link.yml'));
    writeFileSync(join(root, 'ci', 'other.yml'), 'mine\n');
    expect(() => saveExportFile(root, 'ci/link.yml', 'x', true)).toThrow(/is a link/);
    expect(readFileSync(join(root, 'ci', 'other.yml'), 'utf8')).toBe('mine\n');
    expect(() => saveExportFile(root, '../escape.yml', 'x', true)).toThrow(ExportError);
  });
});
