// A merge that stopped at conflicts, kept where git keeps it (MERGE_HEAD, MERGE_MSG and
// ORIG_HEAD in .git, so the git CLI sees the merge in progress too) plus what only Pipewright
// knows: the per-field pipeline conflicts and which files the merge touched, for abort.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineMerge } from '../../../shared/git/pipeline-merge.js';
import type { FileConflict } from '../../../shared/git/repository-types.js';

export interface FileConflictRecord extends FileConflict {
  base: string | null;
  ours: string | null;
  theirs: string | null;
  /** For pipeline files: the merge to resolve field by field. */
  pipelineMerge: PipelineMerge | null;
}

export interface MergeRecord {
  version: 1;
  ours: string;
  oursName: string;
  theirs: string;
  theirsName: string;
  /** Every file the merge wrote or removed: what abort puts back. */
  touched: string[];
  /**
   * The blob id of what the merge (or a resolution) left at each touched path, null where it
   * removed the file: anything else there now was edited during the merge, and abort asks
   * before discarding it. Absent in records of older versions.
   */
  written?: Record<string, string | null>;
  conflicts: FileConflictRecord[];
}

const RECORD = 'pipewright-merge.json';

function writeWhole(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export function saveMerge(gitdir: string, record: MergeRecord, message: string): void {
  writeWhole(join(gitdir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
  writeWhole(join(gitdir, 'ORIG_HEAD'), `${record.ours}\n`);
  writeWhole(join(gitdir, 'MERGE_MSG'), `${message}\n`);
  writeWhole(join(gitdir, 'MERGE_HEAD'), `${record.theirs}\n`);
}

export function loadMerge(gitdir: string): MergeRecord | null {
  const path = join(gitdir, RECORD);
  if (!existsSync(path) || !existsSync(join(gitdir, 'MERGE_HEAD'))) return null;
  // cast: saveMerge wrote this file from a MergeRecord, in .git beside the MERGE_HEAD checked above
  return JSON.parse(readFileSync(path, 'utf8')) as MergeRecord;
}

/** The commit being merged in, when git (or Pipewright) has a merge in progress. */
export function mergeHead(gitdir: string): string | null {
  const path = join(gitdir, 'MERGE_HEAD');
  return existsSync(path) ? (readFileSync(path, 'utf8').trim().split('\n')[0] ?? null) : null;
}

export function mergeMessage(gitdir: string): string {
  const path = join(gitdir, 'MERGE_MSG');
  return existsSync(path) ? readFileSync(path, 'utf8') : 'Merge';
}

export function clearMerge(gitdir: string): void {
  for (const name of [RECORD, 'MERGE_HEAD', 'MERGE_MSG', 'MERGE_MODE']) rmSync(join(gitdir, name), { force: true });
}
