// Notebooks for tests, written the way Jupyter saves them (nbformat 4.5, sources as lines).

export interface TestCell {
  source: string;
  tags?: string[];
  kind?: 'code' | 'markdown';
}

export function notebookText(cells: TestCell[]): string {
  return `${JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
        language_info: { name: 'python' },
      },
      cells: cells.map((cell, index) => ({
        cell_type: cell.kind ?? 'code',
        id: `cell-${index}`,
        metadata: { tags: cell.tags ?? [] },
        source: cell.source.split(/(?<=\n)/),
        ...(cell.kind === 'markdown' ? {} : { execution_count: null, outputs: [] }),
      })),
    },
    null,
    1,
  )}\n`;
}
