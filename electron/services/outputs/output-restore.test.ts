// Restoring single files from the output store on a real file system: what stands at the place
// (an older file, a link, a folder) is replaced whole, the replaced file is set aside and removed
// by the end, and a restore that fails leaves the place as it was and nothing beside it.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/run-store.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import type { RestorableFile } from './output-index.js';
import { restoreFiles } from './output-restore.js';
import { outputStoreOf } from './output-store.js';
import type { OutputStore } from './output-store.js';
import { REPLACED_FOLDER, ReplacedFiles } from './replaced-files.js';

const STORED_AT = Date.UTC(2024, 0, 2, 3, 4, 5);

let workspace: TempWorkspace;
let runs: RunStore;
afterEach(() => {
  runs?.close();
  workspace?.remove();
});

function storeWith(contents: Record<string, string>): { store: OutputStore; records: RestorableFile[] } {
  workspace = tempWorkspace({});
  const stateDir = workspace.path('.pipewright');
  mkdirSync(stateDir);
  runs = new RunStore(join(stateDir, 'state.db'));
  const store = outputStoreOf(stateDir, runs);
  const records = Object.entries(contents).map(([path, content]): RestorableFile => {
    const hash = createHash('sha256').update(content).digest('hex');
    mkdirSync(join(store.objectsDir, hash.slice(0, 2)), { recursive: true });
    writeFileSync(store.objectPath(hash), content, { mode: 0o444 });
    return {
      role: 'output',
      declared: path,
      path,
      kind: 'file',
      hash,
      size: content.length,
      mode: 0o640,
      storedAt: STORED_AT,
    };
  });
  return { store, records };
}

const besideOutputs = () => readdirSync(workspace.path('out')).sort();
const replacedLeft = (store: OutputStore) => {
  const folder = join(store.objectsDir, REPLACED_FOLDER);
  return existsSync(folder) ? readdirSync(folder) : [];
};

describe('restoring files from the output store', () => {
  it('replaces older files with the stored bytes, mode and date, and removes what they replaced by the end', async () => {
    const { store, records } = storeWith({ 'out/a.txt': 'stored a\n', 'out/b.txt': 'stored b\n', 'out/c.txt': 'c\n' });
    mkdirSync(workspace.path('out'));
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(workspace.path(`out/${name}`), `older ${name}\n`);
    const older = statSync(workspace.path('out/a.txt')).ino;
    const replaced = new ReplacedFiles(store.objectsDir);

    const { files } = await restoreFiles(store, workspace.root, records, replaced);
    await replaced.removed();

    expect(workspace.read('out/a.txt')).toBe('stored a\n');
    expect(workspace.read('out/b.txt')).toBe('stored b\n');
    const restored = statSync(workspace.path('out/a.txt'));
    expect(restored.ino).not.toBe(older);
    expect({ mode: restored.mode & 0o777, mtime: restored.mtimeMs }).toEqual({ mode: 0o640, mtime: STORED_AT });
    expect(files.find((file) => file.path === 'out/a.txt')).toMatchObject({ inode: restored.ino, size: 9 });
    expect(besideOutputs()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(replacedLeft(store)).toEqual([]);
  });

  it('replaces a link standing at the place instead of writing through it', async () => {
    const { store, records } = storeWith({ 'out/a.txt': 'stored a\n' });
    mkdirSync(workspace.path('out'));
    writeFileSync(workspace.path('victim.txt'), 'untouched\n');
    symlinkSync(workspace.path('victim.txt'), workspace.path('out/a.txt'));

    await restoreFiles(store, workspace.root, records, new ReplacedFiles(store.objectsDir));

    expect(lstatSync(workspace.path('out/a.txt')).isSymbolicLink()).toBe(false);
    expect(workspace.read('out/a.txt')).toBe('stored a\n');
    expect(workspace.read('victim.txt')).toBe('untouched\n');
  });

  it('replaces a folder standing where the file was', async () => {
    const { store, records } = storeWith({ 'out/a.txt': 'stored a\n' });
    workspace.write('out/a.txt/inside.txt', 'in the way\n');

    await restoreFiles(store, workspace.root, records, new ReplacedFiles(store.objectsDir));

    expect(workspace.read('out/a.txt')).toBe('stored a\n');
    expect(besideOutputs()).toEqual(['a.txt']);
  });

  it('leaves the place as it was and nothing beside it when the copy fails', async () => {
    const { store, records } = storeWith({ 'out/a.txt': 'stored a\n' });
    workspace.write('out/a.txt', 'older\n');
    const hash = records[0]?.hash;
    if (!hash) throw new Error('the test stores one file');
    // A folder where the stored file should be: it opens, so the copy fails midway, even as root.
    rmSync(store.objectPath(hash));
    mkdirSync(store.objectPath(hash));
    const replaced = new ReplacedFiles(store.objectsDir);

    await expect(restoreFiles(store, workspace.root, records, replaced)).rejects.toThrow();
    await replaced.removed();

    expect(workspace.read('out/a.txt')).toBe('older\n');
    expect(besideOutputs()).toEqual(['a.txt']);
  });
});

describe('files a restore replaced', () => {
  it('are all removed once removed() settles, and a restore after it sets files aside again', async () => {
    workspace = tempWorkspace({});
    const objects = workspace.path('.pipewright/objects');
    const replacedFolder = join(objects, REPLACED_FOLDER);
    mkdirSync(objects, { recursive: true });
    const replaced = new ReplacedFiles(objects);
    /** Sets the file at `place` aside and renames a new one over it, as a restore does; an open descriptor keeps the old one in sight. */
    const replace = (place: string) => {
      writeFileSync(place, Buffer.alloc(256 * 1024, 1));
      const old = openSync(place, 'r');
      replaced.setAside(place);
      writeFileSync(`${place}.new`, 'new\n');
      renameSync(`${place}.new`, place);
      return old;
    };

    const olds = Array.from({ length: 9 }, (_, index) => replace(workspace.path(`out-${index}.bin`)));
    expect(readdirSync(replacedFolder)).toHaveLength(1);
    await replaced.removed();
    expect(olds.map((fd) => fstatSync(fd).nlink)).toEqual(olds.map(() => 0));
    expect(readdirSync(replacedFolder)).toEqual([]);

    const again = replace(workspace.path('out-0.bin'));
    expect(readdirSync(replacedFolder)).toHaveLength(1);
    await replaced.removed();
    expect(fstatSync(again).nlink).toBe(0);
    expect(readdirSync(replacedFolder)).toEqual([]);
    for (const fd of [...olds, again]) closeSync(fd);
  });

  it('say whether a rename over the place would free nothing: only a file that could not be set aside does', () => {
    workspace = tempWorkspace({ 'a.txt': 'a\n', 'folder/inside.txt': 'in\n' });
    const objects = workspace.path('.pipewright/objects');
    mkdirSync(objects, { recursive: true });
    const replaced = new ReplacedFiles(objects);
    symlinkSync(workspace.path('a.txt'), workspace.path('link.txt'));

    expect(replaced.setAside(workspace.path('a.txt'))).toBe(true);
    expect(replaced.setAside(workspace.path('missing.txt'))).toBe(true);
    expect(replaced.setAside(workspace.path('link.txt'))).toBe(true);
    expect(replaced.setAside(workspace.path('folder'))).toBe(false);
    // Its folder unusable (a file where the folder should be): the file is not set aside.
    const blocked = new ReplacedFiles(join(workspace.path('a.txt'), 'objects'));
    writeFileSync(workspace.path('b.txt'), 'b\n');
    expect(blocked.setAside(workspace.path('b.txt'))).toBe(false);
    return replaced.removed();
  });
});
