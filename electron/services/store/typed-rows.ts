// better-sqlite3 hands rows back as `unknown`: a statement does not know its own columns. The
// store's rows come from tables its own migrations made (schema.ts), read by SQL written next
// to the row's type, and its JSON columns hold what the store itself wrote with JSON.stringify.
// So the type is named once, here, where a statement or column is read, not by a cast per call.
import type { Statement } from 'better-sqlite3';

/** `statement`, whose SQL selects the columns of Row, as a statement yielding Rows. */
export function yielding<Row>(statement: Statement): Statement<unknown[], Row> {
  // cast: the statement's SQL, beside its caller, selects exactly Row's columns
  return statement as Statement<unknown[], Row>;
}

/** A JSON column the store wrote with JSON.stringify of a Value. */
export function storedJson<Value>(text: string): Value {
  // cast: only the store writes these columns, from a Value (see each column's write)
  return JSON.parse(text) as Value;
}
