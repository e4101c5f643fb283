// The history of the workspace or of the open pipeline. A commit opens to the files it
// changed; a pipeline among them can be viewed as it was (read-only), compared with the
// working copy on the canvas, or restored; an experiment can start from any commit.
import { ChevronDown, ChevronRight, Diff, Eye, FlaskConical, History, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { CommitInfo } from '../../../shared/git/repository-types.js';
import { pipelineNameOfFile } from '../../../shared/pipeline/names.js';
import { useEditor, useGit, useStudio } from '../studio/studio-context.js';
import { NewExperimentDialog } from './NewExperimentDialog.js';

function CommitFiles({ commit }: { commit: CommitInfo }) {
  const { gitController, controller } = useStudio();
  const files = useGit((state) => state.commitFiles[commit.oid]);
  const [experiment, setExperiment] = useState(false);
  if (!files) return <p className="muted small">Loading…</p>;
  const compare = async (name: string) => {
    await controller.openPipeline(name);
    await gitController.compareWith(commit.oid);
  };
  return (
    <div className="commit-files">
      <button
        type="button"
        className="button small"
        data-testid={`git-experiment-from-${commit.oid.slice(0, 7)}`}
        onClick={() => setExperiment(true)}
      >
        <FlaskConical size={13} /> New experiment from here
      </button>
      {experiment ? <NewExperimentDialog from={commit.oid} onClose={() => setExperiment(false)} /> : null}
      <ul>
        {files.map((file) => {
          const name = pipelineNameOfFile(file.path);
          const inWorkspace = gitController.workspacePath(file.path) !== null;
          return (
            <li key={file.path} className="git-file">
              <span className={`change-letter change-${file.change}`}>
                {file.change === 'added' ? 'A' : file.change === 'removed' ? 'D' : 'M'}
              </span>
              <span className="git-file-path" title={file.path}>
                {file.path}
              </span>
              {name && inWorkspace && file.change !== 'removed' ? (
                <>
                  <button
                    type="button"
                    className="icon-button"
                    title="View this version (read-only)"
                    data-testid={`git-view-${name}-${commit.oid.slice(0, 7)}`}
                    onClick={() => void gitController.view(commit.oid, name)}
                  >
                    <Eye size={13} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Compare the working copy with this version"
                    onClick={() => void compare(name)}
                  >
                    <Diff size={13} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Restore this version into the working copy"
                    data-testid={`git-restore-${name}-${commit.oid.slice(0, 7)}`}
                    onClick={() => void gitController.restore(file.path, commit.oid)}
                  >
                    <RotateCcw size={13} />
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function HistorySection() {
  const { gitController } = useStudio();
  const history = useGit((state) => state.history);
  const scope = useGit((state) => state.historyScope);
  const open = useEditor((state) => state.doc?.name);
  const [expanded, setExpanded] = useState<string | null>(null);
  const toggle = (oid: string) => {
    setExpanded(expanded === oid ? null : oid);
    if (expanded !== oid) void gitController.loadCommitFiles(oid);
  };
  return (
    <section className="git-section" data-testid="git-history">
      <div className="section-title">
        <span>
          <History size={12} /> History
        </span>
        <select
          className="small"
          value={scope}
          aria-label="History of"
          data-testid="git-history-scope"
          onChange={(event) =>
            void gitController.loadHistory(event.target.value === 'pipeline' ? 'pipeline' : 'workspace')
          }
        >
          <option value="workspace">workspace</option>
          <option value="pipeline" disabled={!open}>
            {open ?? 'this pipeline'}
          </option>
        </select>
      </div>
      {history.length === 0 ? <p className="muted small">No commits yet.</p> : null}
      <ul className="git-history">
        {history.map((commit) => (
          <li key={commit.oid} data-testid={`git-commit-${commit.oid.slice(0, 7)}`}>
            <button type="button" className="git-commit" onClick={() => toggle(commit.oid)}>
              {expanded === commit.oid ? <ChevronDown size={12} /> : <ChevronRight size={12} />}
              <span className="git-commit-message">{commit.message.split('\n')[0]}</span>
              <span className="muted small">
                {commit.author.name} · {new Date(commit.time).toLocaleString()}
                {commit.parents.length > 1 ? ' · merge' : ''}
              </span>
              <span className="muted mono small">{commit.oid.slice(0, 7)}</span>
            </button>
            {expanded === commit.oid ? <CommitFiles commit={commit} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
