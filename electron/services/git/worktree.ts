// The working tree as git status needs it: every file that is not ignored, with its stat and,
// once needed, its blob id. With watching on, each folder has a watcher and a status query
// looks again only at the entries the watchers named since the last one (a whole folder when an
// event names none); hashes are kept while a file's size, timestamp and inode stay the same.
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, watch } from 'node:fs';
import type { Dirent, FSWatcher, Stats } from 'node:fs';
import { join } from 'node:path';
import { blobId } from './blob-id.js';
import type { IgnoreRules } from './ignore-rules.js';

export interface WorkFile {
  size: number;
  mtimeMs: number;
  ino: number;
  /** As git records it: 100644, 100755 or 120000. */
  mode: string;
  oid: string | null;
}

/** Beyond this many folders, watching costs more than it saves: every query scans. */
const MAX_WATCHED_DIRS = 4000;

/**
 * Only inotify (Linux) queues an event the moment a file is written, so only there can a
 * query skip the folders without events. Elsewhere watchers still announce changes, and every
 * query scans.
 */
const EVENTS_ARE_IMMEDIATE = process.platform === 'linux';

const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const childOf = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

export function gitMode(stats: Stats): string {
  if (stats.isSymbolicLink()) return '120000';
  return stats.mode & 0o111 ? '100755' : '100644';
}

export class Worktree {
  readonly files = new Map<string, WorkFile>();
  private readonly filesByDir = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, FSWatcher | null>();
  /** Per watched folder, the entries events named since the last query; null: the whole folder. */
  private readonly dirty = new Map<string, Set<string> | null>();
  /** Watched folders that were removed or moved away since the last query: their watchers are done. */
  private readonly gone = new Set<string>();
  private full = true;
  private watching: boolean;

  private readonly onChange: () => void;

  constructor(
    private readonly root: string,
    private readonly rules: IgnoreRules,
    options: { watch: boolean; onChange?: () => void },
  ) {
    this.watching = options.watch;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** Brings the file map up to date: everything when needed, else the entries that changed. */
  refresh(isTracked: (path: string) => boolean): void {
    // Folders whose watchers ended (see watchDir): a folder back in their place, as a switch
    // leaves one it emptied, removed and made again, is watched and read afresh. Neither a
    // scan nor a whole-folder mark on the parent would replace the old watcher, which hears
    // nothing more.
    const gone = [...this.gone];
    this.gone.clear();
    if (this.full || !this.watching || !EVENTS_ARE_IMMEDIATE) {
      for (const dir of gone) this.forgetDir(dir);
      this.full = false;
      this.dirty.clear();
      this.scan('', isTracked, true);
      return;
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const dir of gone) {
      if (!this.watchers.has(dir) || !this.watchers.has(parentOf(dir))) continue;
      this.forgetDir(dir);
      this.look(parentOf(dir), dir.slice(dir.lastIndexOf('/') + 1), isTracked);
    }
    for (const [dir, names] of dirty) {
      if (!this.watchers.has(dir)) continue;
      if (names === null) this.scan(dir, isTracked, false);
      else for (const name of names) this.look(dir, name, isTracked);
    }
  }

  private markDirty(dir: string, name: string | null): void {
    const names = this.dirty.get(dir);
    if (names === null) return;
    if (name === null) this.dirty.set(dir, null);
    else if (names === undefined) this.dirty.set(dir, new Set([name]));
    else names.add(name);
  }

  /** Marks paths as changed by Pipewright itself, without waiting for the watchers. */
  touch(paths: Iterable<string>): void {
    for (const path of paths) {
      for (let dir = parentOf(path); ; dir = parentOf(dir)) {
        if (this.watchers.has(dir)) {
          this.markDirty(dir, dir === parentOf(path) ? path.slice(path.lastIndexOf('/') + 1) : null);
          break;
        }
        if (dir === '') {
          this.full = true;
          break;
        }
      }
    }
  }

  private scan(dir: string, isTracked: (path: string) => boolean, recursive: boolean): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(this.root, dir), { withFileTypes: true });
    } catch {
      this.forgetDir(dir);
      return;
    }
    this.watchDir(dir);
    const previous = this.filesByDir.get(dir) ?? new Set<string>();
    const present = new Set<string>();
    const subdirs = new Set<string>();
    for (const entry of entries) {
      const path = childOf(dir, entry.name);
      if (entry.isDirectory()) {
        if (!this.isScannedDir(path)) continue;
        subdirs.add(path);
        if (recursive || !this.watchers.has(path)) this.scan(path, isTracked, true);
        continue;
      }
      if (this.rules.ignored(path, false) && !isTracked(path)) continue;
      this.observe(path);
      present.add(path);
    }
    for (const path of previous) if (!present.has(path)) this.files.delete(path);
    this.filesByDir.set(dir, present);
    for (const known of this.watchers.keys()) {
      if (known !== dir && parentOf(known) === dir && !subdirs.has(known)) this.forgetDir(known);
    }
  }

  /** A nested repository (or submodule) is its own git's business, as in git status. */
  private isScannedDir(path: string): boolean {
    return path !== '.git' && !this.rules.ignored(path, true) && !existsSync(join(this.root, path, '.git'));
  }

  /**
   * One entry of a watched folder an event named: what scanning its folder would find of it
   * (a file, a folder to scan, or nothing), without reading the folder's other entries.
   */
  private look(dir: string, name: string, isTracked: (path: string) => boolean): void {
    const path = childOf(dir, name);
    const listed = this.filesByDir.get(dir) ?? new Set<string>();
    this.filesByDir.set(dir, listed);
    let stats: Stats | null = null;
    try {
      stats = lstatSync(join(this.root, path));
    } catch {
      // Gone: forgotten below, as a file and as a folder.
    }
    if (stats?.isDirectory()) {
      listed.delete(path);
      this.files.delete(path);
      // A folder named by an event was made, moved or replaced: a watcher it had may watch a
      // folder that is gone, so it is watched and read afresh.
      this.forgetDir(path);
      if (this.isScannedDir(path)) this.scan(path, isTracked, true);
      return;
    }
    if (this.watchers.has(path)) this.forgetDir(path);
    if (stats === null || (this.rules.ignored(path, false) && !isTracked(path))) {
      listed.delete(path);
      this.files.delete(path);
      return;
    }
    this.record(path, stats);
    listed.add(path);
  }

  /** Records a file's stat, keeping its hash when nothing about it changed. */
  private observe(path: string): WorkFile | null {
    let stats: Stats;
    try {
      stats = lstatSync(join(this.root, path));
    } catch {
      this.files.delete(path);
      return null;
    }
    // A folder where a tracked file was: to git, the file is gone.
    if (stats.isDirectory()) {
      this.files.delete(path);
      return null;
    }
    return this.record(path, stats);
  }

  private record(path: string, stats: Stats): WorkFile {
    const known = this.files.get(path);
    const mode = gitMode(stats);
    if (
      known &&
      known.size === stats.size &&
      known.mtimeMs === stats.mtimeMs &&
      known.ino === stats.ino &&
      known.mode === mode
    )
      return known;
    const file: WorkFile = { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, mode, oid: null };
    this.files.set(path, file);
    return file;
  }

  /**
   * A tracked file in an ignored folder is not scanned; it is looked at directly, as git does:
   * behind a link or a file where a folder was, it is not there.
   */
  lookUp(path: string): WorkFile | null {
    if (this.watchers.has(parentOf(path))) return this.files.get(path) ?? null;
    if (!this.isRealFolder(parentOf(path))) {
      this.files.delete(path);
      return null;
    }
    return this.observe(path);
  }

  private isRealFolder(dir: string): boolean {
    if (dir === '' || this.watchers.has(dir)) return true;
    try {
      return lstatSync(join(this.root, dir)).isDirectory() && this.isRealFolder(parentOf(dir));
    } catch {
      return false;
    }
  }

  /** The file's blob id, hashing its content only when its stat changed since last time. */
  oid(path: string, file: WorkFile): string {
    if (file.oid === null) {
      const absolute = join(this.root, path);
      file.oid = blobId(file.mode === '120000' ? Buffer.from(readlinkSync(absolute)) : readFileSync(absolute));
    }
    return file.oid;
  }

  private watchDir(dir: string): void {
    if (this.watchers.has(dir)) return;
    if (!this.watching || this.watchers.size >= MAX_WATCHED_DIRS) {
      this.watching = false;
      this.watchers.set(dir, null);
      return;
    }
    try {
      const watcher = watch(join(this.root, dir), { persistent: false }, (_event, name) => {
        if (name === '.gitignore') {
          this.rules.reset();
          this.full = true;
        }
        // inotify names the watched folder itself (its own name) when it is removed or moved
        // away. A child of the same name reads the same: it costs a fresh look, nothing more.
        if (dir !== '' && name === dir.slice(dir.lastIndexOf('/') + 1)) this.gone.add(dir);
        // A name that did not decode (not UTF-8) cannot be looked at again: the whole folder is.
        this.markDirty(dir, name === null || name.includes('\uFFFD') ? null : name);
        this.onChange();
      });
      watcher.on('error', () => {
        this.full = true;
        this.closeWatcher(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      this.watchers.set(dir, null);
      this.watching = false;
    }
  }

  private closeWatcher(dir: string): void {
    this.watchers.get(dir)?.close();
    this.watchers.delete(dir);
  }

  private forgetDir(dir: string): void {
    for (const path of this.filesByDir.get(dir) ?? []) this.files.delete(path);
    this.filesByDir.delete(dir);
    this.closeWatcher(dir);
    for (const known of [...this.watchers.keys()]) if (known.startsWith(`${dir}/`)) this.forgetDir(known);
  }

  close(): void {
    for (const dir of [...this.watchers.keys()]) this.closeWatcher(dir);
  }
}
