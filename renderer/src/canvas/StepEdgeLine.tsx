// The edge React Flow draws between detailed steps: its own look (BaseEdge), on the line
// edge-path.ts gives, which needs the steps' measured bottoms to run a backward edge under them.
import { BaseEdge, useInternalNode } from '@xyflow/react';
import type { EdgeProps, InternalNode } from '@xyflow/react';
import { memo } from 'react';
import { edgePath } from './edge-path.js';
import type { StepEdge, StepNode } from './flow-model.js';

const bottomOf = (node: InternalNode<StepNode> | undefined): number =>
  node ? node.internals.positionAbsolute.y + (node.measured.height ?? node.initialHeight ?? 0) : 0;

export const StepEdgeLine = memo(function StepEdgeLine({
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  markerEnd,
  markerStart,
  style,
  interactionWidth,
}: EdgeProps<StepEdge>) {
  const from = useInternalNode<StepNode>(source);
  const to = useInternalNode<StepNode>(target);
  const path = edgePath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, Math.max(bottomOf(from), bottomOf(to)));
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      markerStart={markerStart}
      style={style}
      interactionWidth={interactionWidth}
    />
  );
});
