// The canvas layout sidecar (pipelines/<name>.layout.json): node positions kept apart from
// the pipeline file, so moving a node never shows up as a change to the pipeline itself.
import { z } from 'zod';

export const LayoutSchema = z.object({
  version: z.literal(1),
  positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
});

export type PipelineLayout = z.infer<typeof LayoutSchema>;
export type NodePosition = PipelineLayout['positions'][string];

export const EMPTY_LAYOUT: PipelineLayout = { version: 1, positions: {} };

/** The layout of these steps only: a step deleted or renamed leaves no stale position behind. */
export function layoutOfSteps(layout: PipelineLayout, stepIds: Iterable<string>): PipelineLayout {
  const positions: PipelineLayout['positions'] = {};
  for (const id of stepIds) {
    const position = layout.positions[id];
    if (position) positions[id] = position;
  }
  return { version: 1, positions };
}

/** The layout in a stable form (sorted keys, rounded positions) so its diffs stay small. */
export function serializeLayout(layout: PipelineLayout): string {
  const positions = Object.fromEntries(
    Object.entries(layout.positions)
      // Keys are unique: ordered by UTF-16 code units, as sort() orders them.
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, { x, y }]) => [id, { x: Math.round(x), y: Math.round(y) }]),
  );
  return `${JSON.stringify({ version: 1, positions }, null, 2)}\n`;
}
