// Pipeline changes between two versions of the repository — commits, branches, tags, or the
// working tree — as semantic diffs (steps, fields, edges, params, tests), not text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import { readYamlSource } from '../../../shared/pipeline/yaml-source.js';
import type { PipelineFileDiff } from '../../../shared/git/repository-types.js';
import { isPipelineFile } from './content-merge.js';
import type { RepositoryParts } from './repository-parts.js';
import { resolveCommit } from './repository-parts.js';
import { readBlob } from './git-objects.js';

/** A version to compare: a commit-ish, or null for the files in the working tree. */
export type Version = string | null;

type Texts = Map<string, string>;

/** A version's pipeline as a run reads it (merge keys merged, aliases bounded), or null when it does not parse. */
function parseOrNull(path: string, text: string | undefined): unknown {
  if (text === undefined) return null;
  return readYamlSource(path, text).data ?? null;
}

async function pipelineTexts(parts: RepositoryParts, version: Version): Promise<Texts> {
  const texts: Texts = new Map();
  if (version === null) {
    const state = await parts.live.state();
    const paths = new Set([...state.headFiles.keys(), ...state.files.map((file) => file.path)]);
    for (const path of paths) {
      const absolute = join(parts.context.dir, path);
      if (isPipelineFile(path) && existsSync(absolute)) texts.set(path, readFileSync(absolute, 'utf8'));
    }
    return texts;
  }
  const files = await parts.trees.flatten(await parts.trees.commitTree(await resolveCommit(parts.context, version)));
  for (const [path, file] of files)
    if (isPipelineFile(path)) texts.set(path, (await readBlob(parts.context, file.oid)).toString('utf8'));
  return texts;
}

const nameOf = (path: string) => (path.split('/').pop() ?? path).replace(/\.pipeline\.ya?ml$/, '');

/** The pipelines that differ from `from` to `to`; `only` keeps the one with that name or path. */
export async function pipelineDiffs(
  parts: RepositoryParts,
  from: Version,
  to: Version,
  only?: string,
): Promise<PipelineFileDiff[]> {
  const [before, after] = [await pipelineTexts(parts, from), await pipelineTexts(parts, to)];
  const diffs: PipelineFileDiff[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (only !== undefined && only !== path && only !== nameOf(path)) continue;
    const [a, b] = [before.get(path), after.get(path)];
    if (a === b) continue;
    const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    diffs.push({ path, name: nameOf(path), change, diff: diffPipelines(parseOrNull(path, a), parseOrNull(path, b)) });
  }
  return diffs;
}
