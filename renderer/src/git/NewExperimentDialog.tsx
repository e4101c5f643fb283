// "New experiment": a branch from the current commit (or the one picked in the history),
// switched to at once. The name is checked as typed, with git's rules.
import { X } from 'lucide-react';
import { useState } from 'react';
import { refNameProblem } from '../../../shared/git/ref-names.js';
import { useGit, useStudio } from '../studio/studio-context.js';

export function NewExperimentDialog({ from = null, onClose }: { from?: string | null; onClose(): void }) {
  const { gitController } = useStudio();
  const branches = useGit((state) => state.branches);
  const busy = useGit((state) => state.busy);
  const [name, setName] = useState('');
  const problem =
    name === ''
      ? null
      : (refNameProblem(name) ??
        (branches.some((branch) => branch.name === name) ? `an experiment named "${name}" exists` : null));
  const create = async () => {
    if (await gitController.createExperiment(name, from)) onClose();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <form
        className="dialog"
        data-testid="new-experiment-dialog"
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          if (name && !problem) void create();
        }}
      >
        <div className="dialog-title">
          <span>New experiment</span>
          <button type="button" className="icon-button" onClick={onClose}>
            <X size={16} />
          </button>
        </div>
        <p className="muted small">
          An experiment is a git branch: change and run freely, then merge what works back.
          {from
            ? ` It starts from commit ${from.slice(0, 7)}.`
            : ' It starts from the current commit; uncommitted changes come along.'}
        </p>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            autoFocus
            data-testid="new-experiment-name"
            value={name}
            placeholder="e.g. smaller-sample"
            onChange={(event) => setName(event.target.value)}
            className={problem ? 'invalid' : ''}
          />
          {problem ? (
            <span className="field-problem" data-testid="new-experiment-problem">
              {problem}
            </span>
          ) : null}
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button primary"
            data-testid="new-experiment-create"
            disabled={busy || name === '' || problem !== null}
          >
            Create and switch
          </button>
        </div>
      </form>
    </div>
  );
}
