// Banners of version control over the canvas: a pipeline shown at a commit (restore it, or go
// back), diff mode (what changed, leave it), and a merge waiting for its conflicts.
import { Diff, Eye, GitMerge, RotateCcw, X } from 'lucide-react';
import { useMemo } from 'react';
import { diffPipelines, summarizeDiff } from '../../../shared/git/pipeline-diff.js';
import { useEditor, useGit, useStudio } from '../studio/studio-context.js';

export function GitBanners() {
  const { controller, gitController, editor } = useStudio();
  const viewing = useEditor((state) => state.viewing);
  const compare = useEditor((state) => state.compare);
  const draft = useEditor((state) => state.draft);
  const doc = useEditor((state) => state.doc);
  const merge = useGit((state) => state.overview?.status?.merge ?? null);
  const summary = useMemo(
    () => (compare && draft ? summarizeDiff(diffPipelines(compare.base, draft)) : ''),
    [compare, draft],
  );
  const open = merge?.conflicts.filter((file) => !file.resolved).length ?? 0;
  return (
    <>
      {viewing && doc ? (
        <div className="banner info" data-testid="viewing-banner">
          <Eye size={15} />
          <span>
            {doc.file} as it was at {viewing.ref} ({viewing.commit.slice(0, 7)}), read-only.
          </span>
          <button
            type="button"
            className="button small"
            data-testid="viewing-restore"
            onClick={() => void gitController.restore(gitController.repositoryPath(doc.file), viewing.commit)}
          >
            <RotateCcw size={13} /> Restore this version
          </button>
          <button
            type="button"
            className="button small"
            data-testid="viewing-back"
            onClick={() => void controller.openPipeline(doc.name)}
          >
            Back to working copy
          </button>
        </div>
      ) : null}
      {compare && !viewing ? (
        <div className="banner info" data-testid="compare-banner">
          <Diff size={15} />
          <span>
            Changes since {compare.ref} ({compare.commit.slice(0, 7)}): {summary}
          </span>
          <button
            type="button"
            className="icon-button"
            title="Leave diff mode"
            data-testid="compare-exit"
            onClick={() => editor.getState().setCompare(null)}
          >
            <X size={14} />
          </button>
        </div>
      ) : null}
      {merge?.managed && open > 0 ? (
        <div className="banner warn" data-testid="merge-banner">
          <GitMerge size={15} />
          <span>
            Merging {merge.theirs} into {merge.ours}: {open} file(s) with conflicts. Resolve them in the Git view.
          </span>
        </div>
      ) : null}
    </>
  );
}
