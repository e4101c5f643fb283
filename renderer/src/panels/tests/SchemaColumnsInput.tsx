// The columns of a schema test as name → type rows. Rows live here while they are written (a
// new row has no name yet, so it is not in the file); the file's mapping is what they add up to.
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { COLUMN_TYPES } from './test-kinds.js';
import { schemaColumns } from './test-values.js';

type Row = readonly [string, string];

const rowsOf = (value: unknown): Row[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).map(([name, type]) => [name, String(type)] as const)
    : [];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function SchemaColumnsInput({
  value,
  onValue,
  testId,
}: {
  value: unknown;
  onValue(columns: Record<string, string>): void;
  testId: string;
}) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!same(schemaColumns(rows), value ?? {})) setRows(rowsOf(value));
  }
  const update = (next: Row[]) => {
    setRows(next);
    const columns = schemaColumns(next);
    if (!same(columns, value ?? {})) onValue(columns);
  };
  const typesList = `${testId}-types`;

  return (
    <div className="schema-columns" data-testid={testId}>
      <datalist id={typesList}>
        {COLUMN_TYPES.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      {rows.map(([name, type], at) => (
        <div className="schema-column" key={at}>
          <input
            className="mono"
            aria-label="column name"
            placeholder="column"
            value={name}
            data-testid={`${testId}-name-${at}`}
            onChange={(event) => update(rows.map((row, index) => (index === at ? [event.target.value, row[1]] : row)))}
          />
          <span className="muted" aria-hidden>
            →
          </span>
          <input
            className="mono"
            aria-label="column type"
            placeholder="type"
            list={typesList}
            value={type}
            data-testid={`${testId}-type-${at}`}
            onChange={(event) => update(rows.map((row, index) => (index === at ? [row[0], event.target.value] : row)))}
          />
          <button
            type="button"
            className="icon-button"
            title="Remove column"
            onClick={() => update(rows.filter((_, index) => index !== at))}
          >
            <X size={13} />
          </button>
        </div>
      ))}
      <button type="button" className="link" data-testid={`${testId}-add`} onClick={() => setRows([...rows, ['', '']])}>
        <Plus size={12} /> Add column
      </button>
    </div>
  );
}
