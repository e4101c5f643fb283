// The working tree as git status needs it: every file that is not ignored, with its stat and,
// once needed, its blob id. With watching on, each folder has a watcher and a status query
// rescans only the folders that changed since the last one; hashes are kept while a file's
// size, timestamp and inode stay the same.
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
  private readonly dirtyDirs = new Set<string>();
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

  /** Brings the file map up to date: everything when needed, else the folders that changed. */
  refresh(isTracked: (path: string) => boolean): void {
    if (this.full || !this.watching || !EVENTS_ARE_IMMEDIATE) {
      this.full = false;
      this.dirtyDirs.clear();
      this.scan('', isTracked, true);
      return;
    }
    const dirs = [...this.dirtyDirs];
    this.dirtyDirs.clear();
    for (const dir of dirs) if (this.watchers.has(dir)) this.scan(dir, isTracked, false);
  }

  /** Marks paths as changed by Pipewright itself, without waiting for the watchers. */
  touch(paths: Iterable<string>): void {
    for (const path of paths) {
      for (let dir = parentOf(path); ; dir = parentOf(dir)) {
        if (this.watchers.has(dir)) {
          this.dirtyDirs.add(dir);
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
        // A nested repository (or submodule) is its own git's business, as in git status.
        if (path === '.git' || this.rules.ignored(path, true) || existsSync(join(this.root, path, '.git'))) continue;
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

  /** Records a file's stat, keeping its hash when nothing about it changed. */
  private observe(path: string): WorkFile | null {
    let stats: Stats;
    try {
      stats = lstatSync(join(this.root, path));
    } catch {
      this.files.delete(path);
      return null;
    }
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

  /** A tracked file in an ignored folder is not scanned; it is looked at directly. */
  lookUp(path: string): WorkFile | null {
    return this.watchers.has(parentOf(path)) ? (this.files.get(path) ?? null) : this.observe(path);
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
        this.dirtyDirs.add(dir);
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
