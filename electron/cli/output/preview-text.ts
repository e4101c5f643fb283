// `pipewright preview` for a person: the schema with each column's profile, the row count, and
// the first rows as an aligned table; a picture or Markdown file as what it is; a folder as its
// files.
import { cellText, formatCount, formatMean, sparkline } from '../../../shared/preview/preview-format.js';
import type { FilePreview, TablePreview } from '../../../shared/preview/preview-types.js';
import type { Styler } from './terminal-style.js';

export function previewText(style: Styler, preview: FilePreview): string {
  switch (preview.kind) {
    case 'table':
      return tableText(style, preview);
    case 'image':
      return `${style('bold', preview.path)}: ${preview.mediaType === 'image/png' ? 'PNG' : 'SVG'} image, ${formatCount(preview.bytes)} bytes (open it in the studio to see it)\n`;
    case 'markdown':
      return `${style('bold', preview.path)}: Markdown\n\n${preview.text.endsWith('\n') ? preview.text : `${preview.text}\n`}`;
    case 'folder': {
      const lines = preview.files.map((file) => `  ${file.path}  ${style('gray', `${formatCount(file.bytes)} bytes`)}`);
      const more = preview.truncated ? [style('gray', '  … and more files')] : [];
      return `${style('bold', preview.path)}: a folder of ${formatCount(preview.files.length)} file(s); preview one of them:\n${[...lines, ...more].join('\n')}\n`;
    }
  }
}

function tableText(style: Styler, preview: TablePreview): string {
  const header = `${style('bold', preview.path)}: ${preview.format.toUpperCase()}, ${preview.rowCount === null ? 'uncounted' : formatCount(preview.rowCount)} rows, ${preview.columns.length} columns\n`;
  const profileRows = (preview.profile ?? []).map((column) => [
    column.name,
    column.type,
    formatCount(column.nulls),
    `${preview.distinctApproximate ? '≈' : ''}${formatCount(column.distinct)}`,
    cellText(column.min, 24),
    cellText(column.max, 24),
    formatMean(column.mean),
    sparkline(column.histogram),
  ]);
  const profile = aligned(
    ['column', 'type', 'nulls', 'distinct', 'min', 'max', 'mean', 'histogram'],
    profileRows,
    style,
  );
  const shown = preview.rows.length;
  const rows = aligned(
    preview.columns.map((column) => column.name),
    preview.rows.map((row) => row.map((cell) => cellText(cell))),
    style,
  );
  return `${header}\n${style('bold', 'Schema and profile')}\n${profile}\n${style('bold', `First ${shown} row(s)`)}\n${rows}`;
}

function aligned(headings: readonly string[], rows: readonly string[][], style: Styler): string {
  const widths = headings.map((heading, index) =>
    Math.max([...heading].length, ...rows.map((row) => [...(row[index] ?? '')].length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd();
  return `${style('gray', line(headings))}\n${rows.map((row) => line(row)).join('\n')}${rows.length > 0 ? '\n' : ''}`;
}
