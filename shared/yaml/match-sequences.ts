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
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i * cols + j] = equal(before[i] as T, after[j] as T)
        ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
        : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }

  const steps: SequenceStep[] = [];
  let gapOld: number[] = [];
  let gapNew: number[] = [];
  const flushGap = () => {
    const paired = Math.min(gapOld.length, gapNew.length);
    for (let k = 0; k < paired; k += 1)
      steps.push({ kind: 'change', oldIndex: gapOld[k] as number, newIndex: gapNew[k] as number });
    for (const oldIndex of gapOld.slice(paired)) steps.push({ kind: 'remove', oldIndex });
    for (const newIndex of gapNew.slice(paired)) steps.push({ kind: 'insert', newIndex });
    gapOld = [];
    gapNew = [];
  };

  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (equal(before[i] as T, after[j] as T)) {
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
