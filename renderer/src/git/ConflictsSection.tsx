// A merge stopped at conflicts: each file's conflicts with ours and theirs side by side. A
// pipeline's are picked field by field (or edited), then applied together; other files take a
// side or the file as edited. Complete commits the merge; Abort puts everything back.
import { AlertTriangle, Check, FileCode2 } from 'lucide-react';
import { useState } from 'react';
import { parse } from 'yaml';
import type { ConflictChoice } from '../../../shared/git/pipeline-merge.js';
import type { FileConflict } from '../../../shared/git/repository-types.js';
import { pipelineNameOfFile } from '../../../shared/pipeline/names.js';
import { NO_ENTRIES } from '../studio/empty.js';
import { useGit, useStudio } from '../studio/studio-context.js';
import { conflictPlace, sideValue } from './conflict-labels.js';

/** What the user typed, read as YAML (so 0.2 is a number and [a, b] a list), else as text. */
function yamlValue(text: string): unknown {
  try {
    const value: unknown = parse(text);
    return value;
  } catch {
    return text;
  }
}

function choiceLabel(choice: ConflictChoice | undefined): string {
  if (!choice) return '';
  return choice.pick === 'value' ? 'edited' : choice.pick;
}

/** One field conflict of a pipeline: ours, theirs, or a value typed as YAML. */
export function FieldConflict({ path, conflict }: { path: string; conflict: FileConflict['conflicts'][number] }) {
  const { gitController } = useStudio();
  const choice = useGit((state) => state.choices[path]?.[conflict.id]);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(
    typeof conflict.ours === 'string' ? conflict.ours : JSON.stringify(conflict.ours ?? ''),
  );
  const testId = `conflict-${conflict.id.replace(/\//g, '.')}`;
  return (
    <li className={`field-conflict${choice ? ' chosen' : ''}`} data-testid={testId}>
      <div className="field-conflict-place">
        {conflictPlace(conflict)} {choice ? <span className="muted">→ {choiceLabel(choice)}</span> : null}
      </div>
      <button
        type="button"
        className={`conflict-side${choice?.pick === 'ours' ? ' picked' : ''}`}
        data-testid={`${testId}-ours`}
        onClick={() => gitController.choose(path, conflict.id, { pick: 'ours' })}
      >
        ours: <span className="mono">{sideValue(conflict.ours)}</span>
      </button>
      <button
        type="button"
        className={`conflict-side${choice?.pick === 'theirs' ? ' picked' : ''}`}
        data-testid={`${testId}-theirs`}
        onClick={() => gitController.choose(path, conflict.id, { pick: 'theirs' })}
      >
        theirs: <span className="mono">{sideValue(conflict.theirs)}</span>
      </button>
      {editing ? (
        <form
          className="name-input"
          onSubmit={(event) => {
            event.preventDefault();
            gitController.choose(path, conflict.id, { pick: 'value', value: yamlValue(text) });
            setEditing(false);
          }}
        >
          <input
            autoFocus
            className="mono"
            value={text}
            data-testid={`${testId}-value`}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="icon-button" title="Use this value">
            <Check size={13} />
          </button>
        </form>
      ) : (
        <button type="button" className="button small" data-testid={`${testId}-edit`} onClick={() => setEditing(true)}>
          Edit…
        </button>
      )}
    </li>
  );
}

function FileConflictView({ file }: { file: FileConflict }) {
  const { gitController, controller } = useStudio();
  const choices = useGit((state) => state.choices[file.path] ?? NO_ENTRIES);
  const busy = useGit((state) => state.busy);
  const name = pipelineNameOfFile(file.path);
  const allChosen = file.conflicts.every((conflict) => choices[conflict.id] !== undefined);
  return (
    <li className={`file-conflict${file.resolved ? ' resolved' : ''}`} data-testid={`file-conflict-${file.path}`}>
      <div className="file-conflict-head">
        {file.resolved ? (
          <Check size={13} className="status-succeeded" />
        ) : (
          <AlertTriangle size={13} className="status-failed" />
        )}
        <span className="git-file-path" title={file.path}>
          {file.path}
        </span>
        {name && gitController.workspacePath(file.path) !== null ? (
          <button
            type="button"
            className="icon-button"
            title="Open it on the canvas"
            onClick={() => void controller.openPipeline(name)}
          >
            <FileCode2 size={13} />
          </button>
        ) : null}
      </div>
      {file.resolved ? (
        <span className="muted small">resolved</span>
      ) : file.kind === 'pipeline' ? (
        <>
          <ul className="field-conflicts">
            {file.conflicts.map((conflict) => (
              <FieldConflict key={conflict.id} path={file.path} conflict={conflict} />
            ))}
          </ul>
          <button
            type="button"
            className="button small primary"
            data-testid={`resolve-${file.path}`}
            disabled={busy || !allChosen}
            title={allChosen ? 'Write the chosen values into the file' : 'pick a side for every conflict first'}
            onClick={() => void gitController.resolvePipeline(file.path)}
          >
            Apply choices
          </button>
        </>
      ) : (
        <div className="conflict-picks">
          <span className="muted small">
            {file.kind === 'text'
              ? 'lines clash: edit the markers away, or take a side'
              : file.kind === 'binary'
                ? 'a binary file: take a side'
                : `deleted by ${file.deletedBy === 'ours' ? 'us' : 'them'}, changed by the other side`}
          </span>
          <button
            type="button"
            className="button small"
            data-testid={`resolve-ours-${file.path}`}
            disabled={busy}
            onClick={() => void gitController.resolveFile(file.path, 'ours')}
          >
            Keep ours
          </button>
          <button
            type="button"
            className="button small"
            data-testid={`resolve-theirs-${file.path}`}
            disabled={busy}
            onClick={() => void gitController.resolveFile(file.path, 'theirs')}
          >
            Take theirs
          </button>
          {file.kind === 'text' ? (
            <button
              type="button"
              className="button small"
              data-testid={`resolve-working-${file.path}`}
              disabled={busy}
              onClick={() => void gitController.resolveFile(file.path, 'working')}
            >
              I edited it
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}

export function ConflictsSection() {
  const { gitController } = useStudio();
  const merge = useGit((state) => state.overview?.status?.merge ?? null);
  const busy = useGit((state) => state.busy);
  if (!merge) return null;
  const open = merge.conflicts.filter((file) => !file.resolved).length;
  return (
    <section className="git-section merge-section" data-testid="git-merge-section">
      <div className="section-title">
        <span>
          Merging {merge.theirs} into {merge.ours}
        </span>
      </div>
      {!merge.managed ? (
        <p className="muted small">This merge was started outside Pipewright: finish it with git.</p>
      ) : (
        <>
          <p className="small" data-testid="merge-open-conflicts">
            {open === 0 ? 'Every conflict is resolved.' : `${open} file(s) with conflicts to resolve.`}
          </p>
          <ul className="file-conflicts">
            {merge.conflicts.map((file) => (
              <FileConflictView key={file.path} file={file} />
            ))}
          </ul>
          <div className="commit-actions">
            <button
              type="button"
              className="button small"
              data-testid="merge-abort"
              disabled={busy}
              onClick={() => void gitController.abortMerge()}
            >
              Abort merge
            </button>
            <button
              type="button"
              className="button small primary"
              data-testid="merge-complete"
              disabled={busy || open > 0}
              onClick={() => void gitController.completeMerge(null)}
            >
              Complete merge
            </button>
          </div>
        </>
      )}
    </section>
  );
}
