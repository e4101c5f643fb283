// "Compare with…" in the toolbar: diff mode against the last commit, an experiment or a tag.
import { Diff } from 'lucide-react';
import { useEditor, useGit, useStudio } from '../studio/studio-context.js';

export function CompareControl() {
  const { gitController } = useStudio();
  const doc = useEditor((state) => state.doc);
  const viewing = useEditor((state) => state.viewing !== null);
  const compare = useEditor((state) => state.compare?.ref ?? '');
  const repository = useGit((state) => state.overview?.repository ?? null);
  const branches = useGit((state) => state.branches);
  const tags = useGit((state) => state.tags);
  if (!repository || !doc || viewing) return null;
  return (
    <label className="compare-control" title="Show on the canvas what changed since another version">
      <Diff size={14} />
      <select
        data-testid="compare-select"
        value={compare}
        onChange={(event) => {
          if (event.target.value) void gitController.compareWith(event.target.value);
        }}
      >
        <option value="">Compare…</option>
        <option value="HEAD">last commit</option>
        {branches
          .filter((branch) => !branch.current)
          .map((branch) => (
            <option key={branch.name} value={branch.name}>
              {branch.name}
            </option>
          ))}
        {tags.map((tag) => (
          <option key={tag.name} value={tag.name}>
            tag {tag.name}
          </option>
        ))}
      </select>
    </label>
  );
}
