// Merging one file that both sides of a merge changed. Pipeline files merge by step and field
// (shared/git/pipeline-merge); layout sidecars by node, ours winning; other text line by line
// (diff3, with git's conflict markers); binary files cannot merge.
import { diff3Merge } from 'node-diff3';
import { mergePipelineTexts } from '../../../shared/git/pipeline-merge.js';
import type { MergeConflict, PipelineMerge } from '../../../shared/git/pipeline-merge.js';
import { mapOf } from '../../../shared/git/plain-data.js';

export type ContentMerge =
  | { clean: true; content: Buffer }
  /** `content` is what the working tree holds until the conflict is resolved. */
  | {
      clean: false;
      kind: 'pipeline' | 'text' | 'binary';
      content: Buffer;
      conflicts: MergeConflict[];
      pipelineMerge: PipelineMerge | null;
    };

export const isPipelineFile = (path: string) => /\.pipeline\.ya?ml$/.test(path);
const isLayoutFile = (path: string) => /\.layout\.json$/.test(path);
const isBinary = (content: Buffer) => content.subarray(0, 8000).includes(0);

export interface MergeLabels {
  ours: string;
  theirs: string;
}

function mergeText(base: string, ours: string, theirs: string, labels: MergeLabels): { clean: boolean; text: string } {
  const lines = (text: string) => text.split(/(?<=\n)/);
  let clean = true;
  let text = '';
  const side = (part: string[]) => {
    const joined = part.join('');
    return joined === '' || joined.endsWith('\n') ? joined : `${joined}\n`;
  };
  for (const region of diff3Merge(lines(ours), lines(base), lines(theirs))) {
    if (region.ok) text += region.ok.join('');
    if (region.conflict) {
      clean = false;
      text += `<<<<<<< ${labels.ours}\n${side(region.conflict.a)}=======\n${side(region.conflict.b)}>>>>>>> ${labels.theirs}\n`;
    }
  }
  return { clean, text };
}

type Positions = Record<string, unknown>;

/** Layout sidecars only place nodes: take every side's additions and removals, ours on a clash. */
function mergeLayout(base: string | null, ours: string, theirs: string): string | null {
  try {
    const parse = (text: string | null): Positions => (text === null ? {} : mapOf(mapOf(JSON.parse(text)).positions));
    const [b, o, t] = [parse(base), parse(ours), parse(theirs)];
    const positions: Positions = { ...o };
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    // Theirs counts where ours left a node as it was (or never had it); ours wins everywhere else.
    for (const [id, position] of Object.entries(t))
      if (!(id in o) ? !(id in b) : same(o[id], b[id])) positions[id] = position;
    for (const id of Object.keys(b)) if (!(id in t) && same(b[id], o[id])) delete positions[id];
    const sorted = Object.fromEntries(
      Object.keys(positions)
        .sort()
        .map((id) => [id, positions[id]]),
    );
    return `${JSON.stringify({ version: 1, positions: sorted }, null, 2)}\n`;
  } catch {
    return null;
  }
}

export function mergeContent(
  path: string,
  base: Buffer | null,
  ours: Buffer,
  theirs: Buffer,
  labels: MergeLabels,
): ContentMerge {
  if (isBinary(ours) || isBinary(theirs) || (base !== null && isBinary(base)))
    return { clean: false, kind: 'binary', content: ours, conflicts: [], pipelineMerge: null };
  const [b, o, t] = [base?.toString('utf8') ?? null, ours.toString('utf8'), theirs.toString('utf8')];
  if (isPipelineFile(path)) {
    const merged = mergePipelineTexts(b, o, t);
    return merged.conflicts.length === 0
      ? { clean: true, content: Buffer.from(merged.text) }
      : {
          clean: false,
          kind: 'pipeline',
          content: Buffer.from(merged.text),
          conflicts: merged.conflicts,
          pipelineMerge: merged,
        };
  }
  if (isLayoutFile(path)) {
    const layout = mergeLayout(b, o, t);
    if (layout !== null) return { clean: true, content: Buffer.from(layout) };
  }
  const merged = mergeText(b ?? '', o, t, labels);
  return merged.clean
    ? { clean: true, content: Buffer.from(merged.text) }
    : { clean: false, kind: 'text', content: Buffer.from(merged.text), conflicts: [], pipelineMerge: null };
}
