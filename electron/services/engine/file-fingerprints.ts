// Content hashes of workspace files and folders, for the step cache. Hashing is the expensive
// part of a cached re-run, so a file's hash is reused while its size, mtime and inode are
// unchanged, except for files modified too close to when they were hashed to trust the mtime.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStore } from '../store/run-store.js';

/** A write within this window of hashing may share the mtime we saw ("racily clean"). */
const RACY_WINDOW_MS = 2000;

export class FileFingerprints {
  /**
   * `keyPrefix` keeps the hashes of a revision checkout's files apart from the working tree's
   * files at the same paths, so runs of both do not make each other hash again.
   */
  constructor(private readonly root: string, private readonly store: RunStore, private readonly keyPrefix = '') {}

  /** sha256 of a file, or of a folder's names and contents; null when the path does not exist. */
  async hash(workspacePath: string): Promise<string | null> {
    const absolute = join(this.root, workspacePath);
    const info = await stat(absolute).catch(() => null);
    if (!info) return null;
    if (info.isDirectory()) return this.hashDirectory(workspacePath);
    return this.hashFile(workspacePath, info);
  }

  private async hashFile(workspacePath: string, info: { size: number; mtimeMs: number; ino: number }): Promise<string> {
    const known = this.store.fileHash(this.keyPrefix + workspacePath);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.inode === info.ino
      && known.hashedAt - info.mtimeMs > RACY_WINDOW_MS) {
      return known.hash;
    }
    const hash = await hashStream(join(this.root, workspacePath));
    this.store.putFileHash(this.keyPrefix + workspacePath, { size: info.size, mtimeMs: info.mtimeMs, inode: info.ino, hash, hashedAt: Date.now() });
    return hash;
  }

  private async hashDirectory(workspacePath: string): Promise<string> {
    const digest = createHash('sha256');
    const entries = (await readdir(join(this.root, workspacePath), { withFileTypes: true }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = `${workspacePath}/${entry.name}`;
      const hash = entry.isDirectory() || entry.isFile() ? await this.hash(child) : 'other';
      digest.update(`${entry.isDirectory() ? 'd' : 'f'} ${entry.name} ${hash ?? 'missing'}\n`);
    }
    return `dir:${digest.digest('hex')}`;
  }
}

function hashStream(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const digest = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => digest.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(digest.digest('hex')));
  });
}
