// Merging an experiment into the current one: pick it, see what it would change in the
// pipelines (each change with its step, field, old and new value, not a text diff), then merge.
import { X } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { listChanges } from '../../../shared/git/change-list.js';
import type { PipelineFileDiff } from '../../../shared/git/repository-types.js';
import { useGit, useStudio } from '../studio/studio-context.js';
import { ChangeList } from './ChangeList.js';

export function MergeDialog({ onClose }: { onClose(): void }) {
  const { gitController, api } = useStudio();
  const all = useGit((state) => state.branches);
  const branches = useMemo(() => all.filter((branch) => !branch.current), [all]);
  const current = useGit((state) => state.overview?.status?.branch ?? '');
  const busy = useGit((state) => state.busy);
  const [branch, setBranch] = useState(branches[0]?.name ?? '');
  const [preview, setPreview] = useState<PipelineFileDiff[] | null>(null);

  useEffect(() => {
    setPreview(null);
    if (!branch) return;
    let live = true;
    api('git:diff', { from: 'HEAD', to: branch }).then(
      (diffs) => {
        if (live) setPreview(diffs);
      },
      () => {
        if (live) setPreview([]);
      },
    );
    return () => {
      live = false;
    };
  }, [api, branch]);

  const merge = async () => {
    await gitController.merge(branch);
    onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="merge-title"
        data-testid="merge-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <span id="merge-title">Merge into {current}</span>
          <button type="button" className="icon-button" title="Close" aria-label="Close" onClick={onClose}>
            <X size={16} />
          </button>
        </div>
        {branches.length === 0 ? (
          <p className="muted">There is no other experiment to merge.</p>
        ) : (
          <>
            <label className="field">
              <span className="field-label">Experiment to merge</span>
              <select data-testid="merge-branch" value={branch} onChange={(event) => setBranch(event.target.value)}>
                {branches.map((candidate) => (
                  <option key={candidate.name} value={candidate.name}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="section-title">
              <span>Pipeline changes it brings</span>
            </div>
            {preview === null ? (
              <p className="muted small">Comparing…</p>
            ) : preview.length === 0 ? (
              <p className="muted small">No pipeline changes (other files may differ).</p>
            ) : (
              <ul className="merge-preview" data-testid="merge-preview">
                {preview.map((file) => (
                  <li key={file.path} data-testid="merge-preview-file" data-pipeline={file.name}>
                    <strong>{file.name}</strong>
                    {file.change === 'changed' ? null : <span className="muted"> {file.change}</span>}
                    {file.change === 'changed' ? (
                      <ChangeList lines={listChanges(file.diff)} testId={`merge-changes-${file.name}`} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">
              Changes to different steps and fields merge on their own; where both sides changed the same field you pick
              which to keep.
            </p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="merge-confirm"
            disabled={busy || !branch}
            onClick={() => void merge()}
          >
            Merge
          </button>
        </div>
      </div>
    </div>
  );
}
