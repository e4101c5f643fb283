// A data file at a glance: its size, each column's type and profile with a small histogram,
// then the first rows.
import { cellText, formatCount, formatMean } from '../../../shared/preview/preview-format.js';
import type { ColumnProfile, TablePreview } from '../../../shared/preview/preview-types.js';

function Histogram({ column }: { column: ColumnProfile }) {
  if (column.histogram.length === 0) return null;
  const highest = Math.max(1, ...column.histogram);
  return (
    <span
      className="histogram"
      data-testid={`preview-histogram-${column.name}`}
      title={`${column.histogram.join(' · ')} (from ${column.min ?? '?'} to ${column.max ?? '?'})`}
    >
      {column.histogram.map((count, index) => (
        <span
          key={index}
          className="histogram-bar"
          style={{ height: `${count === 0 ? 0 : Math.max(8, (count / highest) * 100)}%` }}
        />
      ))}
    </span>
  );
}

export function TablePreviewView({ preview }: { preview: TablePreview }) {
  return (
    <div className="table-preview">
      <p className="preview-summary">
        <span data-testid="preview-row-count">
          {preview.rowCount === null ? 'counting' : formatCount(preview.rowCount)}
        </span>{' '}
        rows · {preview.columns.length} columns · {preview.format.toUpperCase()}
      </p>
      <h4>Schema and profile</h4>
      <div className="preview-scroll">
        <table className="preview-table" data-testid="preview-profile">
          <thead>
            <tr>
              <th>column</th>
              <th>type</th>
              <th>nulls</th>
              <th>distinct</th>
              <th>min</th>
              <th>max</th>
              <th>mean</th>
              <th>histogram</th>
            </tr>
          </thead>
          <tbody>
            {preview.profile === null
              ? preview.columns.map((column) => (
                  <tr key={column.name} data-testid={`preview-column-${column.name}`}>
                    <th>{column.name}</th>
                    <td className="muted">{column.type}</td>
                    <td colSpan={6} className="muted" data-testid="profile-pending">
                      profiling the whole file…
                    </td>
                  </tr>
                ))
              : preview.profile.map((column) => (
                  <tr key={column.name} data-testid={`preview-column-${column.name}`}>
                    <th>{column.name}</th>
                    <td className="muted">{column.type}</td>
                    <td data-testid="profile-nulls">{formatCount(column.nulls)}</td>
                    <td
                      data-testid="profile-distinct"
                      title={preview.distinctApproximate ? 'estimated (HyperLogLog): the file is big' : undefined}
                    >
                      {preview.distinctApproximate ? '≈' : ''}
                      {formatCount(column.distinct)}
                    </td>
                    <td data-testid="profile-min">{column.min === null ? '–' : cellText(column.min, 24)}</td>
                    <td data-testid="profile-max">{column.max === null ? '–' : cellText(column.max, 24)}</td>
                    <td data-testid="profile-mean">{formatMean(column.mean)}</td>
                    <td>
                      <Histogram column={column} />
                    </td>
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
      <h4>First {preview.rows.length} rows</h4>
      <div className="preview-scroll">
        <table className="preview-table" data-testid="preview-rows">
          <thead>
            <tr>
              {preview.columns.map((column) => (
                <th key={column.name}>{column.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, at) => (
              <tr key={at}>
                {row.map((cell, index) => (
                  <td key={index} className={cell === null ? 'muted' : undefined}>
                    {cellText(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
