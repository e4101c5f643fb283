// Uncommitted changes: each file with what changed, a box to stage it, a pipeline's changes
// shown on the canvas against the last commit, and the commit message.
import { Diff } from 'lucide-react';
import { useState } from 'react';
import type { FileChange } from '../../../shared/git/repository-types.js';
import { pipelineNameOfFile } from '../../../shared/pipeline/names.js';
import { NO_ITEMS } from '../studio/empty.js';
import { useGit, useStudio } from '../studio/studio-context.js';

const LETTER = { added: 'A', modified: 'M', deleted: 'D', untracked: 'U' } as const;
/** Files listed one by one; a folder of generated data should not flood the view. */
const LISTED = 300;

function changeLetter(file: FileChange): string {
  if (file.conflicted) return '!';
  const kind = file.unstaged ?? file.staged;
  return kind ? LETTER[kind] : '';
}

export function ChangesSection() {
  const { gitController, controller } = useStudio();
  const files = useGit((state) => state.overview?.status?.files ?? NO_ITEMS);
  const busy = useGit((state) => state.busy);
  const merging = useGit((state) => state.overview?.status?.merge !== null);
  const [message, setMessage] = useState('');
  const staged = files.filter((file) => file.staged !== null && file.unstaged === null);
  const changed = files.filter((file) => !file.conflicted);

  const compare = async (path: string) => {
    const name = pipelineNameOfFile(path);
    const workspacePath = gitController.workspacePath(path);
    if (!name || workspacePath === null) return;
    await controller.openPipeline(name);
    await gitController.compareWith('HEAD');
  };

  const commit = async (all: boolean) => {
    if (await gitController.commit(message.trim(), all)) setMessage('');
  };

  return (
    <section className="git-section" data-testid="git-changes">
      <div className="section-title">
        <span>Changes</span>
        <span className="count">{changed.length}</span>
      </div>
      {changed.length === 0 ? (
        <p className="muted small">Nothing to commit: the working tree matches the last commit.</p>
      ) : null}
      <ul className="git-files">
        {changed.slice(0, LISTED).map((file) => (
          <li key={file.path} className="git-file" data-testid={`git-file-${file.path}`}>
            <input
              type="checkbox"
              title={file.staged !== null && file.unstaged === null ? 'staged: click to unstage' : 'click to stage'}
              checked={file.staged !== null && file.unstaged === null}
              disabled={busy}
              data-testid={`git-stage-${file.path}`}
              onChange={(event) => void gitController.stage([file.path], event.target.checked)}
            />
            <span className={`change-letter change-${file.unstaged ?? file.staged ?? 'none'}`}>
              {changeLetter(file)}
            </span>
            <span className="git-file-path" title={file.path}>
              {file.path}
            </span>
            {pipelineNameOfFile(file.path) && file.unstaged !== 'deleted' ? (
              <button
                type="button"
                className="icon-button"
                title="Show its changes on the canvas"
                data-testid={`git-compare-${file.path}`}
                onClick={() => void compare(file.path)}
              >
                <Diff size={13} />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {changed.length > LISTED ? (
        <p className="muted small">
          and {changed.length - LISTED} more files (Commit all includes them; a .gitignore entry keeps generated files
          out)
        </p>
      ) : null}
      {changed.length > 0 && !merging ? (
        <div className="commit-box">
          <textarea
            data-testid="git-commit-message"
            rows={2}
            placeholder="What changed, and why"
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
          <div className="commit-actions">
            <button
              type="button"
              className="button small primary"
              data-testid="git-commit"
              disabled={busy || message.trim() === '' || staged.length === 0}
              title="Commit the staged files"
              onClick={() => void commit(false)}
            >
              Commit {staged.length > 0 ? `${staged.length} staged` : ''}
            </button>
            <button
              type="button"
              className="button small"
              data-testid="git-commit-all"
              disabled={busy || message.trim() === ''}
              title="Stage every change and commit"
              onClick={() => void commit(true)}
            >
              Commit all
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
