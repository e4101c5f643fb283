// Lines up an old and a new list by their longest common subsequence, so that an edit to a
// list becomes the fewest removals, insertions and in-place changes.

export type SequenceStep =
  | { kind: 'keep'; oldIndex: number; newIndex: number }
  | { kind: 'change'; oldIndex: number; newIndex: number }
  | { kind: 'remove'; oldIndex: number }
  | { kind: 'insert'; newIndex: number };

export function matchSequences<T>(
  before: readonly T[],
  after: readonly T[],
  equal: (a: T, b: T) => boolean,
): SequenceStep[] {
  const rows = before.length + 1;
  const cols = after.length + 1;
  const lengths = new Array<number>(rows * cols).fill(0);
  // Which pairs are equal, so the walk below does not compare them again.
  const equalPairs = new Uint8Array(rows * cols);
  const newItems = [...after.entries()].reverse();
  for (const [i, oldItem] of [...before.entries()].reverse()) {
    for (const [j, newItem] of newItems) {
      const same = equal(oldItem, newItem);
      if (same) equalPairs[i * cols + j] = 1;
      lengths[i * cols + j] = same
        ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
        : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }

  const steps: SequenceStep[] = [];
  let gapOld: number[] = [];
  let gapNew: number[] = [];
  const flushGap = () => {
    // Removals pair with insertions in order as changes; what is left over is removed or inserted.
    const removed: SequenceStep[] = [];
    gapOld.forEach((oldIndex, k) => {
      const newIndex = gapNew[k];
      if (newIndex === undefined) removed.push({ kind: 'remove', oldIndex });
      else steps.push({ kind: 'change', oldIndex, newIndex });
    });
    steps.push(...removed);
    for (const newIndex of gapNew.slice(gapOld.length)) steps.push({ kind: 'insert', newIndex });
    gapOld = [];
    gapNew = [];
  };

  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (equalPairs[i * cols + j] === 1) {
      flushGap();
      steps.push({ kind: 'keep', oldIndex: i, newIndex: j });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * cols + j] ?? 0) >= (lengths[i * cols + j + 1] ?? 0)) {
      gapOld.push(i);
      i += 1;
    } else {
      gapNew.push(j);
      j += 1;
    }
  }
  for (; i < before.length; i += 1) gapOld.push(i);
  for (; j < after.length; j += 1) gapNew.push(j);
  flushGap();
  return steps;
}
