// A committed revision on disk for runs of `--ref`: the files of a branch, tag or commit, written
// from git's objects into `.pipewright/checkouts/<ref>/`, apart from the user's working tree,
// index and HEAD. A checkout is reused between runs and brought to the new commit by writing
// only what differs, so the outputs of its earlier runs (untracked files) stay for the cache.
// A branch is untrusted input: entries named .git or .., and links leading out, are refused.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.js';
import { blobId } from './blob-id.js';
import { leaseCheckout } from './checkout-lease.js';
import { openGitContext } from './git-context.js';
import type { GitContext } from './git-context.js';
import { GitError } from './git-errors.js';
import { findRepository } from './repository-location.js';
import { resolveCommit } from './repository-parts.js';
import { TreeReader } from './tree-files.js';
import { unsafeTreePath } from './tree-paths.js';
import type { FlatTree, TreeFile } from './tree-files.js';
import { removeWorkFile, writeWorkFile } from './worktree-write.js';
import { readBlob } from './git-objects.js';

export interface RevisionCheckout {
  /** The workspace's folder inside the checkout (the repository may hold the workspace in a subfolder). */
  root: string;
  commit: string;
  /** The branch the ref names, when it names one. */
  branch: string | null;
  /** Lets another run of the ref use this checkout folder: call when the run has ended. */
  release(): void;
}

/** What was written last time: the commit, and each file's size and mtime, so unchanged files are not read again. */
/** What a checkout wrote: its commit, and each file's size and mtime then (files of old records: none). */
const CheckoutRecordSchema = z.object({
  commit: z.string(),
  files: z.record(z.string(), z.tuple([z.number(), z.number()])).default({}),
});
type CheckoutRecord = z.infer<typeof CheckoutRecordSchema>;

const SUBMODULE = '160000';
const SYMLINK = '120000';

/**
 * Writes (or updates) the checkout of `ref` for the workspace at `workspaceRoot`, in its state
 * folder `stateDir`: at the commit `ref` names now, or at `at` (resuming an earlier run of it).
 */
export async function checkoutRevision(
  workspaceRoot: string,
  stateDir: string,
  ref: string,
  at: string | null = null,
): Promise<RevisionCheckout> {
  const location = findRepository(workspaceRoot);
  if (!location)
    throw new GitError(
      'not-a-repository',
      `${workspaceRoot} is not in a git repository: --ref needs one (pipewright init, or git init)`,
    );
  const context = openGitContext(location);
  const commit = await resolveCommit(context, at ?? ref);
  const branch =
    existsSync(join(location.gitdir, 'refs', 'heads', ...ref.split('/'))) || packedBranch(location.gitdir, ref)
      ? ref
      : null;
  const trees = new TreeReader(context);
  const lease = leaseCheckout(join(stateDir, 'checkouts', checkoutName(ref)));
  try {
    return {
      ...(await writeCheckout(context, trees, lease.dir, ref, commit)),
      root: workspaceIn(lease.dir, location.root, workspaceRoot),
      branch,
      release: lease.release,
    };
  } catch (error) {
    lease.release();
    throw error;
  }
}

/** The workspace's folder in a checkout of the repository at `repositoryRoot`. */
function workspaceIn(dir: string, repositoryRoot: string, workspaceRoot: string): string {
  const inside = relative(repositoryRoot, workspaceRoot);
  return inside ? join(dir, inside) : dir;
}

async function writeCheckout(
  context: GitContext,
  trees: TreeReader,
  dir: string,
  ref: string,
  commit: string,
): Promise<{ commit: string }> {
  const recordFile = `${dir}.json`;
  const previous = readRecord(recordFile);
  const written: CheckoutRecord = { commit, files: {} };
  const target = await trees.flatten(await trees.commitTree(commit));
  const nothing = (): FlatTree => new Map();
  const before =
    previous && existsSync(dir)
      ? await trees.flatten(await trees.commitTree(previous.commit)).catch(nothing)
      : nothing();
  mkdirSync(dir, { recursive: true });
  for (const path of before.keys()) {
    if (!target.has(path) && isSafePath(path)) removeWorkFile(dir, path);
  }
  for (const [path, file] of target) {
    if (file.mode === SUBMODULE) continue;
    if (!isSafePath(path))
      throw new GitError('unsafe-path', `${ref} holds a file named "${path}", which cannot be checked out safely`);
    const unchanged = before.get(path)?.oid === file.oid ? previous?.files[path] : undefined;
    const info = await writeIfChanged(context, dir, path, file, unchanged);
    if (info) written.files[path] = [info.size, info.mtimeMs];
  }
  writeFileAtomic(recordFile, JSON.stringify(written));
  return { commit };
}

/** A folder name for a ref: readable, and distinct for refs that read alike once slugged. */
function checkoutName(ref: string): string {
  const slug =
    ref
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 60) || 'ref';
  return `${slug}-${createHash('sha256').update(ref).digest('hex').slice(0, 8)}`;
}

function packedBranch(gitdir: string, ref: string): boolean {
  try {
    return readFileSync(join(gitdir, 'packed-refs'), 'utf8')
      .split('\n')
      .some((line) => line.endsWith(` refs/heads/${ref}`));
  } catch {
    return false;
  }
}

function readRecord(file: string): CheckoutRecord | null {
  try {
    const parsed = CheckoutRecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** No entry may name .git, step out with .., or carry a separator git never writes. */
function isSafePath(path: string): boolean {
  return unsafeTreePath(path) === null;
}

/**
 * Brings one file to its committed content unless it already has it; `known` is the size and
 * mtime it had when written last, trusted for the same blob. Returns a regular file's stat.
 */
async function writeIfChanged(
  context: GitContext,
  dir: string,
  path: string,
  file: TreeFile,
  known: [number, number] | undefined,
): Promise<Stats | null> {
  ensureRealFolders(dir, path);
  const absolute = join(dir, path);
  if (file.mode !== SYMLINK) {
    const info = lstatSync(absolute, { throwIfNoEntry: false });
    if (info?.isFile() && known && info.size === known[0] && info.mtimeMs === known[1]) return info;
  }
  const content = await readBlob(context, file.oid);
  if (file.mode === SYMLINK) {
    const target = content.toString('utf8');
    const resolved = resolve(dirname(absolute), target);
    if (isAbsolute(target) || (resolved !== dir && !resolved.startsWith(dir + sep))) {
      throw new GitError('unsafe-path', `"${path}" is a link leading out of the checkout (${target}): refused`);
    }
    if (!isLinkTo(absolute, target)) writeWorkFile(dir, path, content, file.mode);
    return null;
  }
  if (sameFile(absolute, file)) return lstatSync(absolute);
  return writeWorkFile(dir, path, content, file.mode);
}

/** Replaces any link or file standing where a folder of `path` must be, so nothing is written through a link. */
function ensureRealFolders(dir: string, path: string): void {
  const parts = path.split('/').slice(0, -1);
  let current = dir;
  for (const part of parts) {
    current = join(current, part);
    const info = lstatSync(current, { throwIfNoEntry: false });
    if (info?.isDirectory()) continue;
    if (info) rmSync(current, { recursive: true, force: true });
    mkdirSync(current);
  }
}

function isLinkTo(absolute: string, target: string): boolean {
  const info = lstatSync(absolute, { throwIfNoEntry: false });
  return info?.isSymbolicLink() === true && readlinkSync(absolute) === target;
}

function sameFile(absolute: string, file: TreeFile): boolean {
  const info = lstatSync(absolute, { throwIfNoEntry: false });
  if (!info?.isFile()) return false;
  if (((info.mode & 0o100) !== 0) !== (file.mode === '100755')) return false;
  return blobId(readFileSync(absolute)) === file.oid;
}
