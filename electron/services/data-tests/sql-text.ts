// Names and texts spliced into DuckDB SQL. Column names come from users' files and test
// items, so they are always quoted; values go in as prepared-statement parameters, except
// where DuckDB needs a constant (file lists of table functions, a regex it compiles once).

/** A column name as a DuckDB identifier: double quotes, an inner quote doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A text as a DuckDB string literal: single quotes, an inner quote doubled (backslashes are plain characters in DuckDB literals). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A list literal of texts, as the read_* table functions take their files. */
export function quoteList(texts: readonly string[]): string {
  return `[${texts.map(quoteLiteral).join(', ')}]`;
}

/** A user's query without the trailing semicolons that would break the wrapping subquery. */
export function bareQuery(query: string): string {
  return query
    .trim()
    .replace(/(?:;\s*)+$/, '')
    .trimEnd();
}
