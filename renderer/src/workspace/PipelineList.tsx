// The workspace view: its pipelines, with create, rename and delete.
import { Check, FileCode2, Pencil, Plus, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { pipelineNameProblem } from '../../../shared/pipeline/name-problems.js';
import { useEditor, useStudio, useWorkspace } from '../studio/studio-context.js';
import { NO_ITEMS } from '../studio/empty.js';

function NameInput({
  initial,
  onDone,
  testId,
}: {
  initial: string;
  onDone(name: string | null): void;
  testId: string;
}) {
  const [name, setName] = useState(initial);
  const problem = pipelineNameProblem(name);
  const valid = problem === null;
  return (
    <form
      className="name-input"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onDone(name);
      }}
    >
      <input
        autoFocus
        data-testid={testId}
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="pipeline name"
        aria-label="Pipeline name"
        aria-invalid={name !== '' && !valid}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone(null);
        }}
        className={name && !valid ? 'invalid' : ''}
      />
      <button type="submit" className="icon-button" disabled={!valid} title="OK" data-testid={`${testId}-ok`}>
        <Check size={14} />
      </button>
      <button type="button" className="icon-button" onClick={() => onDone(null)} title="Cancel">
        <X size={14} />
      </button>
      {name !== '' && problem ? (
        <span className="field-problem error name-problem" data-testid={`${testId}-problem`}>
          {problem}
        </span>
      ) : null}
    </form>
  );
}

export function PipelineList() {
  const { controller, workspace } = useStudio();
  const pipelines = useWorkspace((state) => state.info?.pipelines ?? NO_ITEMS);
  const open = useEditor((state) => state.doc?.name);
  const dirty = useEditor((state) => state.dirty);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);

  return (
    <div className="pipeline-list" data-testid="pipeline-list">
      <div className="section-title">
        <span>Pipelines</span>
        <button
          type="button"
          className="icon-button"
          title="New pipeline"
          data-testid="new-pipeline-button"
          onClick={() => setCreating(true)}
        >
          <Plus size={15} />
        </button>
      </div>
      {creating ? (
        <NameInput
          initial=""
          testId="new-pipeline-name"
          onDone={(name) => {
            setCreating(false);
            if (name) void controller.createPipeline(name);
          }}
        />
      ) : null}
      <ul>
        {pipelines.map((entry) => (
          <li key={entry.name} className={entry.name === open ? 'active' : ''}>
            {renaming === entry.name ? (
              <NameInput
                initial={entry.name}
                testId="rename-pipeline-name"
                onDone={(name) => {
                  setRenaming(null);
                  if (name && name !== entry.name) void controller.renamePipeline(entry.name, name);
                }}
              />
            ) : (
              <div className="pipeline-item">
                <button
                  type="button"
                  className="pipeline-open"
                  data-testid={`pipeline-item-${entry.name}`}
                  onClick={() => void controller.openPipeline(entry.name)}
                >
                  <FileCode2 size={14} />
                  <span>{entry.name}</span>
                  {entry.name === open && dirty ? <span className="dirty-dot" title="unsaved changes" /> : null}
                </button>
                <button
                  type="button"
                  className="icon-button hover-only"
                  title="Rename"
                  data-testid={`pipeline-rename-${entry.name}`}
                  onClick={() => setRenaming(entry.name)}
                >
                  <Pencil size={13} />
                </button>
                <button
                  type="button"
                  className="icon-button hover-only danger"
                  title="Delete"
                  data-testid={`pipeline-delete-${entry.name}`}
                  onClick={() =>
                    void workspace
                      .getState()
                      .ask({
                        title: 'Delete pipeline',
                        message: `Delete pipeline ${entry.name}? Its file is removed (git keeps its history).`,
                        confirm: 'Delete',
                        danger: true,
                      })
                      .then((yes) => {
                        if (yes) void controller.deletePipeline(entry.name);
                      })
                  }
                >
                  <Trash2 size={13} />
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {pipelines.length === 0 && !creating ? <p className="muted">No pipelines yet. Create one with +.</p> : null}
    </div>
  );
}
