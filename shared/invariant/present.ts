// Some values are there by the code's own bookkeeping, not by the input: the state of a step the
// run planned, the item at an index below the length, the step a graph was built from. The
// compiler cannot follow that bookkeeping, so instead of a cast that would carry a missing value
// on silently, `present` says what was expected and stops when the bookkeeping is wrong.

/** Thrown when a value the code itself put in place is missing: a bug, never bad input. */
export class MissingValueError extends Error {}

/** `value`, which the caller's own bookkeeping guarantees is there; throws naming `what` when it is not. */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new MissingValueError(`internal error: ${what} is missing`);
  return value;
}
