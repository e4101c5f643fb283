// Merging a pipeline file changed on two branches at the level people edit it: steps, their
// fields, params and tests, rather than lines. Disjoint edits merge silently; what both sides
// changed differently is handed back as conflicts to choose for, and the result is written
// into our text so its comments and formatting survive the merge.
import { parse } from 'yaml';
import { present } from '../invariant/present.js';
import { isDeepStrictEqual } from '../yaml/deep-equal.js';
import { patchYaml } from '../yaml/patch-yaml.js';
import { setAtPath } from './merge-choices.js';
import { mergeData } from './merge-data.js';
import type { ConflictChoice, MergeConflict, PipelineMerge } from './merge-types.js';

export type { ConflictChoice, ConflictKind, MergeConflict, PipelineMerge } from './merge-types.js';

/** `base` null: the file was added on both branches, so the base is an empty document. */
export function mergePipelineTexts(base: string | null, ours: string, theirs: string): PipelineMerge {
  const baseData = base === null ? { data: null } : readYaml(base);
  const ourData = readYaml(ours);
  const theirData = readYaml(theirs);
  if (!baseData || !ourData || !theirData) {
    const conflict: MergeConflict = {
      id: '',
      path: [],
      step: null,
      field: null,
      kind: 'unreadable',
      base,
      ours,
      theirs,
    };
    return { data: ourData?.data, text: ours, conflicts: [conflict] };
  }
  const { data, conflicts } = mergeData(baseData.data, ourData.data, theirData.data);
  return { data, text: isDeepStrictEqual(data, ourData.data) ? ours : patchYaml(ours, data), conflicts };
}

/**
 * Our text patched to the merge with a choice applied for every conflict. Choosing a value of
 * undefined (such as theirs when they deleted it) removes the key.
 */
export function resolvePipelineMerge(
  ours: string,
  merge: PipelineMerge,
  choices: Readonly<Record<string, ConflictChoice>>,
): string {
  const missing = merge.conflicts
    .filter((conflict) => !Object.hasOwn(choices, conflict.id))
    .map((conflict) => conflict.id);
  if (missing.length > 0)
    throw new Error(`no choice for merge conflicts: ${missing.map((id) => JSON.stringify(id)).join(', ')}`);
  const chosen = (conflict: MergeConflict) =>
    chosenValue(conflict, present(choices[conflict.id], `the choice for conflict ${conflict.id}`));

  const unreadable = merge.conflicts.find((conflict) => conflict.kind === 'unreadable');
  if (unreadable) {
    const text = chosen(unreadable);
    if (typeof text !== 'string')
      throw new Error('an unreadable pipeline merge is resolved with the text of the whole file');
    return text;
  }
  const data = merge.conflicts.reduce(
    (resolved, conflict) => setAtPath(resolved, conflict.path, chosen(conflict)),
    merge.data,
  );
  // Choosing to remove the whole document leaves an empty file rather than the text "null".
  return data === undefined || data === null ? '' : patchYaml(ours, data);
}

function chosenValue(conflict: MergeConflict, choice: ConflictChoice): unknown {
  switch (choice.pick) {
    case 'ours':
      return conflict.ours;
    case 'theirs':
      return conflict.theirs;
    case 'value':
      return choice.value;
  }
}

/** null when the text is not YAML; an empty file reads as null, like an empty document. */
function readYaml(text: string): { data: unknown } | null {
  try {
    const data: unknown = parse(text, { merge: true, maxAliasCount: 1000, logLevel: 'error' });
    return { data: data ?? null };
  } catch {
    return null;
  }
}
