// The test catalog: a logic test is a command; a data test checks a step's input or output file
// (CSV, Parquet, JSON lines) through the embedded analytical engine; a metric test (a model
// test) checks one number of a JSON metrics file a step wrote. A test item names exactly one
// kind key; the key's value holds that kind's arguments.
import { z } from 'zod';
import { normalizeWorkspacePath } from './workspace-paths.js';
import { DURATION_HINT, isDuration } from './duration.js';

export const TEST_SEVERITIES = ['error', 'warn', 'log'] as const;
export const TEST_STAGES = ['input', 'output'] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const duration = z
  .union([z.string(), z.number()])
  .refine(isDuration, { message: `expected ${DURATION_HINT}` })
  .describe(`How long, as ${DURATION_HINT}; a bare number is seconds.`);
const dataFile = z
  .string()
  .min(1, 'a path must not be empty')
  .describe(
    'The file checked, relative to the workspace: CSV, TSV, Parquet or JSON (lines or an array; .gz/.zst allowed), or a folder of one such format.',
  );
const column = z.string().min(1, 'a column name must not be empty');
const columns = z.array(column).min(1, 'name at least one column');
/** `run: true` or `run: 42` is YAML for a boolean or a number; the user meant the command text. */
const commandText = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  z.string(),
);

export const DataTestArgs = {
  row_count: z
    .strictObject({
      path: dataFile,
      min: z.number().int().min(0).optional().describe('At least this many rows.'),
      max: z.number().int().min(0).optional().describe('At most this many rows.'),
    })
    .describe('The number of rows is within [min, max]. Observed: the row count.'),
  not_null: z
    .strictObject({
      path: dataFile,
      columns,
      mostly: z
        .number()
        .gt(0)
        .max(1)
        .optional()
        .describe('The share of rows that must be non-null (0 < mostly <= 1). Default 1.'),
    })
    .describe('The columns have no nulls (or at most 1 - mostly of the rows). Observed: rows with a null.'),
  unique: z
    .strictObject({
      path: dataFile,
      columns,
    })
    .describe(
      'No two rows share the same values in these columns (rows with a null key are left to not_null). Observed: rows in duplicated groups.',
    ),
  accepted_values: z
    .strictObject({
      path: dataFile,
      column,
      values: z.array(scalar).min(1).describe('The only values allowed (nulls are left to not_null).'),
    })
    .describe('Every non-null value of the column is one of the values. Observed: rows with another value.'),
  range: z
    .strictObject({
      path: dataFile,
      column,
      min: z
        .union([z.number(), z.string()])
        .optional()
        .describe('Smallest allowed value (a number, or a date/time as text).'),
      max: z
        .union([z.number(), z.string()])
        .optional()
        .describe('Largest allowed value (a number, or a date/time as text).'),
    })
    .describe('Every non-null value of the column is within [min, max]. Observed: rows outside.'),
  pattern: z
    .strictObject({
      path: dataFile,
      column,
      regex: z.string().min(1).describe('A regular expression every non-null value must match in full.'),
    })
    .describe('Every non-null value matches the regular expression. Observed: rows that do not.'),
  schema: z
    .strictObject({
      path: dataFile,
      columns: z
        .record(z.string(), z.string().min(1))
        .describe(
          'Column name to type (INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, BOOLEAN...); "any" accepts every type.',
        ),
      allow_extra: z.boolean().optional().describe('Whether columns not listed are allowed. Default true.'),
    })
    .describe('The file has these columns with these types. Observed: columns missing, of another type, or extra.'),
  freshness: z
    .strictObject({
      path: dataFile,
      column: column.describe('A date or timestamp column.'),
      max_age: duration.describe('The newest value must be at most this old.'),
    })
    .describe(
      'The newest timestamp is recent enough (a timestamp without time zone is read as UTC). Observed: its age in seconds.',
    ),
  relationship: z
    .strictObject({
      path: dataFile,
      column,
      to: dataFile.describe('The file holding the keys.'),
      to_column: column.optional().describe('The key column of `to`. Default the same name as column.'),
    })
    .describe('Every non-null value of the column exists in the key column of `to`. Observed: rows without a match.'),
  sql: z
    .strictObject({
      query: z
        .string()
        .min(1)
        .describe(
          'A DuckDB query returning the failing rows; the file at path is the table `data`, and any workspace file can be read by its path.',
        ),
      path: dataFile.optional(),
    })
    .describe(
      'A custom check: passes when the query returns no rows; it runs read-only, counted as select count(*) from (query). Observed: the rows returned.',
    ),
  row_count_change: z
    .strictObject({
      path: dataFile,
      max_percent: z
        .number()
        .min(0)
        .describe(
          'The largest allowed change of the row count, in percent, from the last successful run in the same environment.',
        ),
    })
    .describe(
      'The row count moved by at most max_percent since the last successful run. Observed: the change in percent.',
    ),
  metric: z
    .strictObject({
      file: z
        .string()
        .min(1, 'a path must not be empty')
        .describe('The JSON metrics file, relative to the workspace (e.g. one the step names under metrics:).'),
      key: z
        .string()
        .min(1, 'a key must not be empty')
        .describe('The number checked: a key of the file, or a dotted path into nested objects (e.g. test.auc).'),
      min: z.number().optional().describe('The number must be at least this.'),
      max: z.number().optional().describe('The number must be at most this.'),
    })
    .describe(
      'A model test: a number of a JSON metrics file (AUC, F1, accuracy...) is within [min, max]. Observed: the number.',
    ),
} as const;

export type DataTestKind = keyof typeof DataTestArgs;
// cast: Object.keys types every object's keys as string[]; DataTestArgs is a literal with exactly these
export const DATA_TEST_KINDS = Object.keys(DataTestArgs) as DataTestKind[];
/** The keys that name what a test checks; a test item has exactly one of them. */
export const TEST_KINDS = ['command', ...DATA_TEST_KINDS] as const;
export type TestKind = (typeof TEST_KINDS)[number];

export const TestSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('A name for reports; defaults to the test kind and its position.'),
    description: z.string().optional(),
    severity: z
      .enum(TEST_SEVERITIES)
      .optional()
      .describe(
        'error fails the step and skips downstream; warn marks the step warned; log only records. Default error.',
      ),
    stage: z
      .enum(TEST_STAGES)
      .optional()
      .describe(
        'input: checked before the step runs (an error stops it from running); output: after it succeeds. Default input for a file the step only reads, else output.',
      ),
    timeout: duration.optional(),
    command: commandText
      .optional()
      .describe('A logic test: a shell command run after the step succeeds; exit code 0 passes.'),
    // cast: Object.fromEntries loses which kind maps to which schema; each key gets its own, made optional
    ...(Object.fromEntries(DATA_TEST_KINDS.map((kind) => [kind, DataTestArgs[kind].optional()])) as {
      [K in DataTestKind]: z.ZodOptional<(typeof DataTestArgs)[K]>;
    }),
  })
  .describe('A test on the step. Exactly one kind key (command, row_count, not_null, ...) says what it checks.');

export type TestSeverity = (typeof TEST_SEVERITIES)[number];
export type TestStage = (typeof TEST_STAGES)[number];
export type TestSpec = z.infer<typeof TestSchema>;
export type DataTestSpec<K extends DataTestKind = DataTestKind> = z.infer<(typeof DataTestArgs)[K]>;

/** The kind key a test item uses (the first one, when a malformed item has several). */
export function testKind(test: TestSpec): TestKind | null {
  return TEST_KINDS.find((kind) => test[kind] !== undefined) ?? null;
}

/** The files a data test reads, in order (the checked file first). */
export function testFiles(test: TestSpec): string[] {
  const kind = testKind(test);
  if (kind === null || kind === 'command') return [];
  const args = testArgs(test, kind);
  return [args.path ?? args.file, args.to].filter((path): path is string => typeof path === 'string');
}

/** The arguments of a test's kind, as fields any kind may or may not have (path, columns, min...). */
export function testArgs(test: TestSpec, kind: DataTestKind): Readonly<Record<string, unknown>> {
  return test[kind] ?? {};
}

/** When the test runs: set explicitly, or before the step for a file it only reads. */
export function testStage(
  test: TestSpec,
  step: { inputs?: string[] | undefined; outputs?: string[] | undefined },
): TestStage {
  if (test.stage) return test.stage;
  const checked = testFiles(test)[0];
  const file = checked === undefined ? null : normalizeWorkspacePath(checked);
  if (file === null) return 'output';
  const declared = (paths: string[] | undefined) =>
    (paths ?? []).some((path) => {
      const folder = normalizeWorkspacePath(path);
      return folder !== null && (file === folder || file.startsWith(`${folder}/`));
    });
  return declared(step.inputs) && !declared(step.outputs) ? 'input' : 'output';
}
