// What the test form shows for each kind of test: a label, a one-line hint, and the fields of
// its arguments in the order they are written. Hints come from the schema's own descriptions,
// so the form, the JSON Schema and editor hovers say the same thing.
import { z } from 'zod';
import { DataTestArgs, TestSchema } from '../../../../shared/pipeline/test-schema.js';
import type { DataTestKind, TestKind } from '../../../../shared/pipeline/test-schema.js';

export const KIND_LABEL: Record<TestKind, string> = {
  command: 'Command',
  row_count: 'Row count',
  not_null: 'Not null',
  unique: 'Unique',
  accepted_values: 'Accepted values',
  range: 'Range',
  pattern: 'Pattern',
  schema: 'Schema',
  freshness: 'Freshness',
  relationship: 'Relationship',
  sql: 'SQL',
  row_count_change: 'Row count change',
  metric: 'Metric (model test)',
};

/**
 * How a field is edited: a file path (with suggestions), a column, a comma list of columns or
 * values, a whole number, a number, a number or text a number cannot say (a date, a duration),
 * free text, a SQL query, the name-to-type rows of a schema, or a yes/no flag.
 */
export type FieldType =
  | 'path'
  | 'column'
  | 'columns'
  | 'values'
  | 'integer'
  | 'number'
  | 'number-or-text'
  | 'text'
  | 'sql'
  | 'schema-columns'
  | 'flag';

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  /** Half-width fields sit side by side (min and max). */
  half?: boolean;
  placeholder?: string;
}

const path: FieldSpec = { key: 'path', label: 'File', type: 'path', placeholder: 'e.g. data/clean/orders.csv' };
const column: FieldSpec = { key: 'column', label: 'Column', type: 'column' };
const columns: FieldSpec = { key: 'columns', label: 'Columns', type: 'columns', placeholder: 'id, customer_id' };

export const TEST_FIELDS: Record<DataTestKind, readonly FieldSpec[]> = {
  row_count: [
    path,
    { key: 'min', label: 'At least', type: 'integer', half: true },
    { key: 'max', label: 'At most', type: 'integer', half: true },
  ],
  not_null: [path, columns, { key: 'mostly', label: 'Mostly', type: 'number', half: true, placeholder: '1' }],
  unique: [path, columns],
  accepted_values: [
    path,
    column,
    { key: 'values', label: 'Values', type: 'values', placeholder: 'open, shipped, "42"' },
  ],
  range: [
    path,
    column,
    { key: 'min', label: 'Min', type: 'number-or-text', half: true },
    { key: 'max', label: 'Max', type: 'number-or-text', half: true },
  ],
  pattern: [path, column, { key: 'regex', label: 'Regular expression', type: 'text', placeholder: '[A-Z]{2}-\\d+' }],
  schema: [
    path,
    { key: 'columns', label: 'Columns', type: 'schema-columns' },
    { key: 'allow_extra', label: 'Allow other columns', type: 'flag' },
  ],
  freshness: [
    path,
    column,
    { key: 'max_age', label: 'Max age', type: 'number-or-text', half: true, placeholder: 'e.g. 1d' },
  ],
  relationship: [
    path,
    column,
    { key: 'to', label: 'Keys file', type: 'path' },
    { key: 'to_column', label: 'Key column', type: 'column', placeholder: 'same as column' },
  ],
  sql: [
    { key: 'query', label: 'Query', type: 'sql', placeholder: 'select * from data where amount < 0' },
    { ...path, label: 'File (table data)' },
  ],
  row_count_change: [path, { key: 'max_percent', label: 'Max change %', type: 'number', half: true }],
  metric: [
    { key: 'file', label: 'Metrics file', type: 'path', placeholder: 'e.g. metrics/evaluation.json' },
    { key: 'key', label: 'Key', type: 'text', placeholder: 'e.g. auc or test.auc' },
    { key: 'min', label: 'At least', type: 'number', half: true },
    { key: 'max', label: 'At most', type: 'number', half: true },
  ],
};

/** A schema's description, looking through `.optional()`, which does not carry it over. */
function described(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.description) return schema.description;
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : undefined;
  return inner instanceof z.ZodType ? described(inner) : undefined;
}

/** The first sentence of a kind's description: what it checks, without what it observes. */
export function kindHint(kind: TestKind): string {
  const text = kind === 'command' ? described(TestSchema.shape.command) : described(DataTestArgs[kind]);
  return (text ?? '').split(' Observed:')[0] ?? '';
}

export function fieldHint(kind: DataTestKind, key: string): string | undefined {
  const shape: Record<string, z.ZodType> = DataTestArgs[kind].shape;
  return described(shape[key]);
}

/** Column types offered in a schema test (any other DuckDB type name is allowed too). */
export const COLUMN_TYPES = [
  'INTEGER',
  'BIGINT',
  'DOUBLE',
  'DECIMAL',
  'VARCHAR',
  'BOOLEAN',
  'DATE',
  'TIMESTAMP',
  'any',
] as const;
