// The query of a `sql` test is the one piece of SQL a user writes, so it is checked before it
// runs: exactly one statement, a SELECT (no COPY, ATTACH, INSTALL, LOAD, SET, PRAGMA...), and
// no table function outside the readers and generators a check needs (enable_logging writes
// files, query() runs SQL text the check never saw). DuckDB's own parser says what the query
// is (json_serialize_sql). The database's locked settings stop any file access outside the
// workspace whatever the query; the relative file paths a query names are made absolute only
// so that DuckDB finds them in the workspace, since it checks the path as written.
import { isAbsolute, join } from 'node:path';
import { DataTestError } from './data-test-error.js';
import type { QuerySession } from './query-session.js';
import { quoteLiteral } from './sql-text.js';

const ALLOWED_TABLE_FUNCTIONS = new Set([
  'read_csv',
  'read_csv_auto',
  'read_parquet',
  'parquet_scan',
  'read_json',
  'read_json_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson_objects',
  'read_text',
  'read_blob',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'sniff_csv',
  'glob',
  'range',
  'generate_series',
  'unnest',
  'repeat',
  'repeat_row',
  'json_each',
  'json_tree',
]);
/** Table functions whose first argument names the file (or list of files) to read. */
const FILE_READERS = new Set(
  [...ALLOWED_TABLE_FUNCTIONS].filter((name) => /^(read_|parquet_|sniff_csv$|glob$)/.test(name)),
);

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object in a parsed statement, depth first. */
function* nodesOf(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodesOf(item);
  } else if (isNode(value)) {
    yield value;
    for (const child of Object.values(value)) yield* nodesOf(child);
  }
}

function firstWord(query: string): string {
  const text = query.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim();
  return (/^[A-Za-z_]+/.exec(text)?.[0] ?? 'this').toUpperCase();
}

/**
 * The query as it will run: checked to be one read-only SELECT, with the relative file paths it
 * names made absolute under the session's workspace. `where` starts every message.
 */
export async function checkedQuery(session: QuerySession, query: string, where: string): Promise<string> {
  const count = await session.statementCount(query);
  // A query DuckDB cannot parse fails where it runs, with the parser's own message.
  if (count === null) return query;
  if (count === 0) throw new DataTestError(`${where}: the query is empty`);
  if (count > 1)
    throw new DataTestError(`${where}: the query holds ${count} statements; a sql test runs one SELECT query`);
  const row = await session.row(`SELECT json_serialize_sql(${quoteLiteral(query)}) AS tree`, [], {
    failure: (message) => `${where}: ${message}`,
  });
  // DuckDB's answer: { error, error_type?, error_message? } or { error: false, statements: [...] }.
  const answer: unknown = JSON.parse(String(row.tree));
  const parsed = isNode(answer) ? answer : {};
  if (parsed.error) {
    if (parsed.error_type === 'not implemented') {
      throw new DataTestError(
        `${where}: a sql test runs one SELECT query and only reads: ${firstWord(query)} statements are not allowed`,
      );
    }
    return query;
  }
  let rewritten = false;
  for (const node of nodesOf(parsed.statements)) {
    if (node.type === 'TABLE_FUNCTION' && isNode(node.function)) {
      const name = String(node.function.function_name).toLowerCase();
      if (!ALLOWED_TABLE_FUNCTIONS.has(name)) {
        throw new DataTestError(
          `${where}: the query calls ${name}(), which a data test may not use (it reads with read_csv, read_parquet, read_json and the like)`,
        );
      }
      if (FILE_READERS.has(name) && Array.isArray(node.function.children))
        rewritten = absolutePaths(node.function.children[0], session.root) || rewritten;
    } else if (
      node.type === 'BASE_TABLE' &&
      node.schema_name === '' &&
      node.catalog_name === '' &&
      looksLikeFile(node.table_name)
    ) {
      node.table_name = inWorkspace(node.table_name, session.root);
      rewritten = true;
    }
  }
  if (!rewritten) return query;
  const back = await session.row(
    `SELECT json_deserialize_sql(json(${quoteLiteral(JSON.stringify(parsed))})) AS query`,
    [],
    { failure: (message) => `${where}: ${message}` },
  );
  return String(back.query);
}

/** `FROM 'data/x.csv'`: a quoted name with a path or an extension is a file DuckDB scans. */
function looksLikeFile(name: unknown): name is string {
  return typeof name === 'string' && /[./\\*]/.test(name);
}

function inWorkspace(path: string, root: string): string {
  return isAbsolute(path) || /^[a-z]+:\/\//i.test(path) ? path : join(root, path);
}

/** Makes the text constants of a reader's file argument (one path or a list) absolute; whether any changed. */
function absolutePaths(argument: unknown, root: string): boolean {
  if (!isNode(argument)) return false;
  if (argument.class === 'CONSTANT' && isNode(argument.value) && typeof argument.value.value === 'string') {
    argument.value.value = inWorkspace(argument.value.value, root);
    return true;
  }
  if (argument.class === 'FUNCTION' && argument.function_name === 'list_value' && Array.isArray(argument.children)) {
    return argument.children.map((child) => absolutePaths(child, root)).some(Boolean);
  }
  return false;
}
