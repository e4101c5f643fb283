// What a restore replaced, removed in the background. Renaming a restored file over the old one
// frees the old one's blocks inside the rename, and freeing allocated blocks costs file systems
// (ext4 mounted with discard, say) several times what copying the megabyte in its place did:
// the step would wait on that, and the steps after it on the step. So the old file first gets
// a second name in a folder of the store; the rename then frees nothing, and those names are
// removed while the run goes on, two at a time: one at a time fell behind the restores (each
// removal queued behind a layer's copies in the thread pool), and the run then waited for the
// backlog; more would take the pool from the restores. Once the run asks for the end, what is
// left goes at once. The run waits for the last removal before it ends; a crash leaves the
// folder for `cache prune` (and the prune after each run) to remove.
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync } from 'node:fs';
import { rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../../shared/text/error-message.js';

/** The store's folder of replaced files: one folder per restoring process, named by this. */
export const REPLACED_FOLDER = '.replaced';

/** Removals at once while restores go on: the thread pool has four threads, the restores keep two. */
const REMOVALS_BESIDE_RESTORES = 2;

export class ReplacedFiles {
  private readonly folder: string;
  private folderMade = false;
  /** Names in the folder, numbered: the folder is this object's own, so a count cannot collide. */
  private named = 0;
  private readonly waiting: string[] = [];
  private removing = 0;
  private draining = false;
  private readonly whenRemoved: Array<() => void> = [];

  constructor(objectsDir: string) {
    this.folder = join(objectsDir, REPLACED_FOLDER, randomBytes(6).toString('hex'));
  }

  /**
   * Gives the regular file at `place` a second name here before a rename replaces it; does
   * nothing for anything else (a folder, a link, a file with other names, another file system),
   * which the rename then replaces as it always did. True when the rename will free nothing:
   * nothing stands at the place, or what does is set aside or has other names.
   */
  setAside(place: string): boolean {
    const info = lstatSync(place, { throwIfNoEntry: false });
    if (!info?.isFile()) return info === undefined || info.isSymbolicLink();
    if (info.nlink !== 1) return true;
    const name = join(this.folder, String(this.named));
    try {
      if (!this.folderMade) mkdirSync(this.folder, { recursive: true });
      this.folderMade = true;
      linkSync(place, name);
    } catch {
      return false;
    }
    this.named += 1;
    this.waiting.push(name);
    this.startRemovals();
    return true;
  }

  /** Settles once every file set aside so far is removed, with the folder. */
  async removed(): Promise<void> {
    this.draining = true;
    await new Promise<void>((settle) => {
      this.whenRemoved.push(settle);
      this.startRemovals();
    });
    this.draining = false;
    await rm(this.folder, { recursive: true, force: true });
    this.folderMade = false;
  }

  private startRemovals(): void {
    const limit = this.draining ? Infinity : REMOVALS_BESIDE_RESTORES;
    while (this.removing < limit) {
      const name = this.waiting.shift();
      if (name === undefined) break;
      this.removing += 1;
      // unlink, not rm: rm checks and walks before it removes, several calls where one does.
      void unlink(name)
        .catch((error: unknown) => {
          process.emitWarning(`a replaced output could not be removed (${name}): ${errorMessage(error)}`);
        })
        .finally(() => {
          this.removing -= 1;
          this.startRemovals();
        });
    }
    if (this.removing === 0) for (const settle of this.whenRemoved.splice(0)) settle();
  }
}
