// In the pipeline panel while comparing: which params (and pipeline fields) differ from the
// compared version, each with its old and new value, and the params that version had but
// the working copy no longer has.
import { useMemo } from 'react';
import { listChanges } from '../../../shared/git/change-list.js';
import type { ChangeLine } from '../../../shared/git/change-list.js';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import { useEditor } from '../studio/studio-context.js';
import { ChangeList, ChangeValues } from './ChangeList.js';

export interface PipelineChanges {
  ref: string;
  /** The changes of each param, by name; a param not here did not change. */
  params: ReadonlyMap<string, ChangeLine[]>;
  /** Changes of the pipeline's own fields (description, name...). */
  pipeline: ChangeLine[];
}

/** The open pipeline's changes since the compared version, or null when not comparing. */
export function usePipelineChanges(): PipelineChanges | null {
  const compare = useEditor((state) => state.compare);
  const draft = useEditor((state) => state.draft);
  return useMemo(() => {
    if (!compare || !draft) return null;
    const diff = diffPipelines(compare.base, draft);
    const params = new Map<string, ChangeLine[]>();
    const lines = listChanges({ ...diff, steps: [], tests: [] });
    for (const line of lines)
      if (line.subject === 'param') params.set(line.name, [...(params.get(line.name) ?? []), line]);
    return { ref: compare.ref, params, pipeline: lines.filter((line) => line.subject === 'pipeline') };
  }, [compare, draft]);
}

/** Under a param row: each of its fields that changed, old → new. */
export function ParamChanges({ name, changes }: { name: string; changes: PipelineChanges }) {
  const lines = changes.params.get(name);
  if (!lines) return null;
  const added = lines.length === 1 && lines[0]?.change === 'added' && lines[0].field === '';
  return (
    <div className="param-changes" data-testid={`param-changes-${name}`}>
      <span className={`mark-badge mark-${added ? 'added' : 'changed'}`}>
        {added ? `added since ${changes.ref}` : `changed since ${changes.ref}`}
      </span>
      {added ? null : (
        <ul>
          {lines.map((line) => (
            <li key={line.field} data-testid={`param-change-${name}-${line.field}`}>
              <span className="field-label">{line.field}</span>
              <ChangeValues line={line} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The pipeline's own fields and the params removed since the compared version. */
export function PipelineLevelChanges({ changes }: { changes: PipelineChanges }) {
  const removed = [...changes.params.values()].flat().filter((line) => line.change === 'removed' && line.field === '');
  const lines = [...changes.pipeline, ...removed];
  if (lines.length === 0) return null;
  return (
    <div className="pipeline-changes" data-testid="pipeline-changes">
      <div className="section-title">
        <span>Changed since {changes.ref}</span>
      </div>
      <ChangeList lines={lines} testId="pipeline-change-list" />
    </div>
  );
}
