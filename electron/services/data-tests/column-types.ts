// Column types as DuckDB names them, and as people write them in a schema test: INT for
// INTEGER, TEXT or STRING for VARCHAR, DATETIME for TIMESTAMP...

export type TypeFamily = 'number' | 'time' | 'text' | 'boolean' | 'other';

const ALIASES: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INT32: 'INTEGER',
  SIGNED: 'INTEGER',
  INT8: 'BIGINT',
  INT64: 'BIGINT',
  LONG: 'BIGINT',
  INT2: 'SMALLINT',
  INT16: 'SMALLINT',
  SHORT: 'SMALLINT',
  INT1: 'TINYINT',
  INT128: 'HUGEINT',
  FLOAT8: 'DOUBLE',
  FLOAT64: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  FLOAT4: 'FLOAT',
  FLOAT32: 'FLOAT',
  REAL: 'FLOAT',
  TEXT: 'VARCHAR',
  STRING: 'VARCHAR',
  CHAR: 'VARCHAR',
  BPCHAR: 'VARCHAR',
  NVARCHAR: 'VARCHAR',
  BOOL: 'BOOLEAN',
  LOGICAL: 'BOOLEAN',
  DATETIME: 'TIMESTAMP',
  TIMESTAMP_US: 'TIMESTAMP',
  'TIMESTAMP WITHOUT TIME ZONE': 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE',
  TIMETZ: 'TIME WITH TIME ZONE',
  NUMERIC: 'DECIMAL',
  BYTEA: 'BLOB',
  BINARY: 'BLOB',
  VARBINARY: 'BLOB',
  VARINT: 'BIGNUM',
};

const NUMBERS = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
  'FLOAT',
  'DOUBLE',
  'DECIMAL',
  'BIGNUM',
]);
/** Types with a date part: what freshness can age. */
const DATES = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE']);
const TIMES = new Set([...DATES, 'TIME', 'TIME_NS', 'TIME WITH TIME ZONE']);

interface TypeName {
  base: string;
  /** "(18,3)" for DECIMAL(18, 3); null when none are written (then any are accepted). */
  params: string | null;
}

function parse(type: string): TypeName {
  const text = type.trim().toUpperCase().replace(/\s+/g, ' ');
  if (text.endsWith('[]')) {
    const element = parse(text.slice(0, -2));
    return { base: `${element.base}${element.params ?? ''}[]`, params: null };
  }
  const simple = /^([A-Z0-9_ ]+?) ?\(([^()]*)\)$/.exec(text);
  const base = simple?.[1] ?? text;
  const canonical = ALIASES[base] ?? base;
  // DuckDB keeps no length for VARCHAR(255): a written length must not cause a mismatch.
  const params = simple?.[2] === undefined || canonical === 'VARCHAR' ? null : `(${simple[2].replace(/ /g, '')})`;
  return { base: canonical, params };
}

/** Whether a file's column type is the type a schema test asks for; "any" accepts every type. */
export function sameType(expected: string, actual: string): boolean {
  if (expected.trim().toLowerCase() === 'any') return true;
  const wanted = parse(expected);
  const found = parse(actual);
  return wanted.base === found.base && (wanted.params === null || wanted.params === found.params);
}

export function typeFamily(type: string): TypeFamily {
  const { base } = parse(type);
  if (NUMBERS.has(base)) return 'number';
  if (TIMES.has(base)) return 'time';
  if (base === 'VARCHAR') return 'text';
  if (base === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** Whether the column holds whole numbers only (an accepted value of 2.5 can match none of them). */
export function isIntegerType(type: string): boolean {
  return typeFamily(type) === 'number' && !['FLOAT', 'DOUBLE', 'DECIMAL'].includes(parse(type).base);
}

export function hasDate(type: string): boolean {
  return DATES.has(parse(type).base);
}

/** A DuckDB type name safe to splice into CAST(... AS <type>): only the fixed date/time names qualify. */
export function dateTimeTypeName(type: string): string | null {
  const { base } = parse(type);
  return TIMES.has(base) ? base : null;
}
