// Copy and paste of steps. The copy also goes to the system clipboard as YAML, so steps can be
// pasted into a pipeline file by hand.
import { stringify } from 'yaml';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import type { CopiedSteps, PipelineDraft } from '../editor/pipeline-edits.js';

let copied: CopiedSteps | null = null;

export function copySteps(
  draft: PipelineDraft,
  positions: Record<string, NodePosition>,
  ids: readonly string[],
): boolean {
  const chosen = ids.flatMap((id) => {
    const step = draft.steps[id];
    return step ? [{ id, step }] : [];
  });
  const [first] = chosen;
  if (first === undefined) return false;
  const origin = positions[first.id] ?? { x: 0, y: 0 };
  copied = {
    steps: Object.fromEntries(chosen.map(({ id, step }) => [id, structuredClone(step)])),
    offsets: Object.fromEntries(
      chosen.map(({ id }) => {
        const at = positions[id] ?? origin;
        return [id, { x: at.x - origin.x, y: at.y - origin.y }];
      }),
    ),
  };
  void globalThis.navigator?.clipboard?.writeText(stringify(copied.steps)).catch(() => undefined);
  return true;
}

export function copiedSteps(): CopiedSteps | null {
  return copied;
}
