// schema: the file's columns against the ones the test lists, by name and type. Names match
// exactly (a schema is a contract); types match through the usual aliases (see column-types).
import { closestMatch } from '../../../shared/text/did-you-mean.js';
import type { DataCheck } from './data-check.js';
import { judged } from './data-check.js';
import { openDataFile } from './data-file.js';
import { sameType } from './column-types.js';
import type { FileColumn } from './file-columns.js';
import { fileColumns } from './file-columns.js';
import { quoted } from './wording.js';

const mismatches = (count: number) => `${count} ${count === 1 ? 'mismatch' : 'mismatches'}`;

/** One sentence per difference, in the order of the test, then the extra columns in file order. */
export function schemaMismatches(
  expected: Record<string, string>,
  columns: readonly FileColumn[],
  allowExtra: boolean,
): string[] {
  const found: string[] = [];
  const unlisted = columns.filter((column) => !Object.hasOwn(expected, column.name));
  for (const [name, type] of Object.entries(expected)) {
    const column = columns.find((each) => each.name === name);
    if (column === undefined) {
      const match = closestMatch(
        name,
        unlisted.map((each) => each.name),
      );
      found.push(`no column ${quoted(name)} (${type})${match === undefined ? '' : `; did you mean ${quoted(match)}?`}`);
    } else if (!sameType(type, column.type)) {
      found.push(`${quoted(name)} is ${column.type}, not ${type}`);
    }
  }
  if (!allowExtra) for (const column of unlisted) found.push(`extra column ${quoted(column.name)} (${column.type})`);
  return found;
}

export const schemaCheck: DataCheck<'schema'> = {
  expected: () => mismatches(0),

  async run({ session, root }, args) {
    const file = await openDataFile(root, args.path);
    const found = schemaMismatches(args.columns, await fileColumns(session, file), args.allow_extra ?? true);
    return judged({
      passed: found.length === 0,
      observed: found.length,
      expected: mismatches(0),
      rowCount: null,
      message: () => `${file.path}: ${mismatches(found.length)} with the schema: ${found.join('; ')}`,
    });
  },
};
