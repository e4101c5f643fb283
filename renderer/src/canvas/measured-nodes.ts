// Handing the steps' nodes to React Flow again after an edit, a selection, a validation answer
// or a run event, without losing what React Flow measured of them. A node given without its
// `measured` size loses its handles' positions until it is measured again, a frame or more
// later: an edge drawn in that gap is dropped (its drag starts on a handle React Flow no longer
// knows), and every step on screen is measured anew for a change to one of them.
import type { StepNode } from './flow-model.js';

/**
 * The nodes to show: a derived node that did not change since the last hand-over keeps the
 * node React Flow holds now (its measurements, or where a drag has it); a changed one takes
 * over the size measured of its predecessor until React Flow measures it again, and leaves out
 * the handles it was derived with (UNMEASURED_HANDLES), which React Flow would take over the
 * handles it measured.
 */
export function keepMeasured(
  derived: readonly StepNode[],
  shown: readonly StepNode[],
  previous: readonly StepNode[],
): StepNode[] {
  const unchanged = new Set(previous);
  const shownById = new Map(shown.map((node) => [node.id, node]));
  return derived.map((node) => {
    const current = shownById.get(node.id);
    // React Flow forgets the handles of a hidden node (the overview draws it): shown again, it
    // starts from the derived node, whose handles React Flow takes without drawing it.
    if (!current?.measured || current.hidden) return node;
    if (unchanged.has(node)) return current;
    const { handles: _unmeasured, ...measured } = node;
    return { ...measured, measured: current.measured };
  });
}

/**
 * React Flow's nodes once it reported what it measured: a measured node no longer carries the
 * handles it was derived with, so React Flow keeps the handles it measured when it is handed
 * the node again (the detailed node's handles are not where the simple box has them).
 */
export function forgetUnmeasuredHandles(nodes: readonly StepNode[]): StepNode[] {
  return nodes.map((node) => {
    if (!node.measured || !node.handles) return node;
    const { handles: _unmeasured, ...measured } = node;
    return measured;
  });
}
