// In the step panel: how the step differs from the compared version (field by field), and
// its merge conflicts to pick from.
import { useEditor, useGit, useStudio } from '../studio/studio-context.js';
import { useMemo } from 'react';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import type { FieldChange } from '../../../shared/git/pipeline-diff.js';
import { FieldConflict } from './ConflictsSection.js';
import { sideValue } from './conflict-labels.js';

function useStepDiff(id: string) {
  const compare = useEditor((state) => state.compare);
  const draft = useEditor((state) => state.draft);
  return useMemo(
    () =>
      compare && draft ? diffPipelines(compare.base, draft).steps.find((candidate) => candidate.id === id) : undefined,
    [compare, draft, id],
  );
}

/** The changed fields of a step that exists on both sides, for the form to mark; null otherwise. */
export function useStepChanges(id: string): { ref: string; fields: ReadonlyMap<string, FieldChange> } | null {
  const ref = useEditor((state) => state.compare?.ref);
  const step = useStepDiff(id);
  return useMemo(
    () =>
      ref && step?.change === 'changed'
        ? { ref, fields: new Map(step.fields.map((field) => [field.field, field])) }
        : null,
    [ref, step],
  );
}

export function StepChanges({ id }: { id: string }) {
  const { editor } = useStudio();
  const compare = useEditor((state) => state.compare);
  const step = useStepDiff(id);
  if (!compare || !step) return null;
  return (
    <div className="step-changes" data-testid="step-changes">
      <div className="section-title">
        <span>
          {step.change === 'added'
            ? `Added since ${compare.ref}`
            : step.change === 'removed'
              ? `Removed since ${compare.ref}`
              : `Changed since ${compare.ref}`}
        </span>
      </div>
      {step.change === 'changed' ? (
        <ul>
          {step.fields.map((field) => (
            <li key={field.field} data-testid={`step-change-${field.field}`}>
              <button
                type="button"
                className="link field-label"
                title="Show this field in the form"
                onClick={() => editor.getState().setFocus({ stepId: id, path: [field.field], reason: 'compare' })}
              >
                {field.field}
              </button>
              <span className="mono small change-before">{sideValue(field.before)}</span>
              <span className="mono small change-after">{sideValue(field.after)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function StepConflicts({ id }: { id: string }) {
  const { gitController } = useStudio();
  const file = useEditor((state) => state.doc?.file ?? null);
  const merge = useGit((state) => state.overview?.status?.merge ?? null);
  const conflicts = useMemo(() => {
    const fileConflict =
      file && merge
        ? merge.conflicts.find((candidate) => candidate.path === gitController.repositoryPath(file))
        : undefined;
    return fileConflict && !fileConflict.resolved
      ? { path: fileConflict.path, list: fileConflict.conflicts.filter((conflict) => conflict.step === id) }
      : null;
  }, [file, merge, gitController, id]);
  if (!conflicts || conflicts.list.length === 0) return null;
  return (
    <div className="step-conflicts" data-testid="step-conflicts">
      <div className="section-title">
        <span>Merge conflicts</span>
      </div>
      <ul className="field-conflicts">
        {conflicts.list.map((conflict) => (
          <FieldConflict key={conflict.id} path={conflicts.path} conflict={conflict} />
        ))}
      </ul>
      <p className="muted small">Pick a side for each, then Apply choices in the Git view.</p>
    </div>
  );
}

/** A step of the compared version that the pipeline no longer has. */
export function RemovedStepPanel({ id }: { id: string }) {
  const step = useEditor((state) => state.compare?.base?.steps[id]);
  const ref = useEditor((state) => state.compare?.ref);
  if (!step) return null;
  return (
    <div className="inspector" data-testid="removed-step-panel">
      <div className="inspector-title">
        <span>Step {id}</span>
        <span className="mark-badge mark-removed">removed</span>
      </div>
      <p className="muted small">This step exists at {ref} but not in the working copy.</p>
      <div className="field">
        <span className="field-label">Command at {ref}</span>
        <code className="mono small">{String(step.run ?? '')}</code>
      </div>
    </div>
  );
}
