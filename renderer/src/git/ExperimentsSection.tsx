// Experiments (git branches) with the status of their last run, switch, rename and delete;
// tags, with adding one on the current commit.
import { ArrowRightLeft, Check, Pencil, Plus, Tag, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { refNameProblem } from '../../../shared/git/ref-names.js';
import { useGit, useStudio } from '../studio/studio-context.js';
import { StatusIcon } from '../runs/status-look.js';

function NameField({
  initial,
  onDone,
  testId,
  placeholder,
}: {
  initial: string;
  onDone(name: string | null): void;
  testId: string;
  placeholder: string;
}) {
  const [name, setName] = useState(initial);
  const problem = refNameProblem(name);
  return (
    <form
      className="name-input"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem) onDone(name);
      }}
    >
      <input
        autoFocus
        data-testid={testId}
        value={name}
        placeholder={placeholder}
        title={problem ?? ''}
        className={name && problem ? 'invalid' : ''}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone(null);
        }}
      />
      <button
        type="submit"
        className="icon-button"
        disabled={problem !== null}
        title={problem ?? 'OK'}
        data-testid={`${testId}-ok`}
      >
        <Check size={14} />
      </button>
      <button type="button" className="icon-button" title="Cancel" onClick={() => onDone(null)}>
        <X size={14} />
      </button>
    </form>
  );
}

export function ExperimentsSection() {
  const { gitController, workspace } = useStudio();
  const branches = useGit((state) => state.branches);
  const tags = useGit((state) => state.tags);
  const busy = useGit((state) => state.busy);
  const head = useGit((state) => state.overview?.status?.head ?? null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [tagging, setTagging] = useState(false);

  return (
    <section className="git-section" data-testid="git-experiments">
      <div className="section-title">
        <span>Experiments</span>
        <span className="count">{branches.length}</span>
      </div>
      <ul className="git-branches">
        {branches.map((branch) => (
          <li key={branch.name} className={branch.current ? 'current' : ''} data-testid={`git-branch-${branch.name}`}>
            {renaming === branch.name ? (
              <NameField
                initial={branch.name}
                testId="git-rename-branch"
                placeholder="new name"
                onDone={(name) => {
                  setRenaming(null);
                  if (name && name !== branch.name) void gitController.renameBranch(branch.name, name);
                }}
              />
            ) : (
              <div className="git-branch">
                <span
                  className="git-branch-run"
                  title={
                    branch.lastRun
                      ? `last run: ${branch.lastRun.pipeline} ${branch.lastRun.status}`
                      : 'no run on this experiment yet'
                  }
                >
                  {branch.lastRun ? (
                    <StatusIcon status={branch.lastRun.status} size={13} />
                  ) : (
                    <span className="status-dot" />
                  )}
                </span>
                <span className="git-branch-text">
                  <span className="git-branch-name">
                    {branch.name}
                    {branch.current ? <span className="muted"> (current)</span> : null}
                  </span>
                  <span className="muted small git-branch-commit">{branch.commit?.message.split('\n')[0] ?? ''}</span>
                </span>
                {!branch.current ? (
                  <button
                    type="button"
                    className="icon-button"
                    title={`Switch to ${branch.name}`}
                    disabled={busy}
                    data-testid={`git-switch-${branch.name}`}
                    onClick={() => void gitController.switchTo(branch.name)}
                  >
                    <ArrowRightLeft size={13} />
                  </button>
                ) : null}
                <button
                  type="button"
                  className="icon-button hover-only"
                  title="Rename"
                  data-testid={`git-rename-${branch.name}`}
                  onClick={() => setRenaming(branch.name)}
                >
                  <Pencil size={13} />
                </button>
                {!branch.current ? (
                  <button
                    type="button"
                    className="icon-button hover-only danger"
                    title="Delete"
                    data-testid={`git-delete-${branch.name}`}
                    onClick={() =>
                      void workspace
                        .getState()
                        .ask({
                          title: 'Delete experiment',
                          message: `Delete the experiment ${branch.name}?`,
                          confirm: 'Delete',
                          danger: true,
                        })
                        .then((yes) => {
                          if (yes) void gitController.deleteBranch(branch.name);
                        })
                    }
                  >
                    <Trash2 size={13} />
                  </button>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="section-title">
        <span>Tags</span>
        <button
          type="button"
          className="icon-button"
          title="Tag the current commit"
          data-testid="git-new-tag"
          disabled={head === null}
          onClick={() => setTagging(true)}
        >
          <Plus size={14} />
        </button>
      </div>
      {tagging ? (
        <NameField
          initial=""
          testId="git-tag-name"
          placeholder="e.g. v1.0"
          onDone={(name) => {
            setTagging(false);
            if (name) void gitController.createTag(name, 'HEAD', null);
          }}
        />
      ) : null}
      {tags.length === 0 && !tagging ? (
        <p className="muted small">No tags. Tag a commit to mark a version you may come back to.</p>
      ) : null}
      <ul className="git-tags">
        {tags.map((tag) => (
          <li key={tag.name} className="git-tag" data-testid={`git-tag-${tag.name}`}>
            <Tag size={12} /> <span>{tag.name}</span> <span className="muted mono small">{tag.oid.slice(0, 7)}</span>
            <button
              type="button"
              className="icon-button hover-only danger"
              title="Delete tag"
              onClick={() => void gitController.deleteTag(tag.name)}
            >
              <Trash2 size={12} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
