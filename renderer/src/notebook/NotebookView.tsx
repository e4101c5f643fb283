// The executed notebook a run kept for a step, read-only: every cell with its source and its
// outputs as the run left them, a failed cell marked. It opens for any run shown, past ones too.
import { BookOpen, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useEscape } from '../studio/use-escape.js';
import { createPortal } from 'react-dom';
import { cellOutputs, cellSource, cellTags, parseNotebook } from '../../../shared/notebook/notebook-format.js';
import type { NotebookJson } from '../../../shared/notebook/notebook-format.js';
import { useRuns, useStudio } from '../studio/studio-context.js';
import { MarkdownText } from './markdown-text.js';
import { NotebookOutput } from './NotebookOutput.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export function ExecutedNotebookButton({ stepId }: { stepId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" data-testid="open-notebook" onClick={() => setOpen(true)}>
        <BookOpen size={14} /> Executed notebook
      </button>
      {open ? createPortal(<NotebookView stepId={stepId} onClose={() => setOpen(false)} />, document.body) : null}
    </>
  );
}

type Loaded = { notebook: NotebookJson; path: string; runId: string } | { error: string } | null;

export function NotebookView({ stepId, onClose }: { stepId: string; onClose(): void }) {
  const { api } = useStudio();
  const runId = useRuns((state) => state.run?.id ?? null);
  const [loaded, setLoaded] = useState<Loaded>(null);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (runId === null) return undefined;
    let current = true;
    api('notebook:executed', { runId, stepId }).then(
      (kept) => {
        try {
          if (current) setLoaded({ notebook: parseNotebook(kept.text, kept.path), path: kept.path, runId: kept.runId });
        } catch (error) {
          if (current) setLoaded({ error: errorMessage(error) });
        }
      },
      (error: unknown) => {
        if (current) setLoaded({ error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, runId, stepId]);

  // A failed notebook opens at its failed cell: that is what its reader came for.
  useEffect(() => {
    dialog.current?.querySelector('[data-failed="true"]')?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  useEscape(onClose);

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div
        className="dialog notebook-view"
        ref={dialog}
        role="dialog"
        aria-label="Executed notebook"
        data-testid="notebook-view"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <span>
            Executed notebook{' '}
            <span className="muted mono">
              {stepId}
              {loaded && 'runId' in loaded ? ` · ${loaded.runId}` : ''}
            </span>
          </span>
          <button type="button" className="icon-button" onClick={onClose} title="Close" data-testid="notebook-close">
            <X size={16} />
          </button>
        </div>
        {loaded === null ? <p className="muted">Loading…</p> : null}
        {loaded && 'error' in loaded ? (
          <p className="notebook-problem" data-testid="notebook-problem">
            {loaded.error}
          </p>
        ) : null}
        {loaded && 'notebook' in loaded ? <NotebookCells notebook={loaded.notebook} /> : null}
      </div>
    </div>
  );
}

function NotebookCells({ notebook }: { notebook: NotebookJson }) {
  return (
    <div className="notebook-cells">
      {notebook.cells.map((cell, index) => {
        const outputs = cellOutputs(cell);
        const failed = outputs.some((output) => output.output_type === 'error');
        const tags = cellTags(cell);
        if (cell.cell_type === 'markdown') {
          return (
            <section key={index} className="notebook-cell markdown" data-testid="notebook-cell">
              <MarkdownText source={cellSource(cell)} />
            </section>
          );
        }
        const count = typeof cell.execution_count === 'number' ? cell.execution_count : ' ';
        return (
          <section
            key={index}
            className={`notebook-cell code${failed ? ' failed' : ''}`}
            data-testid="notebook-cell"
            data-failed={failed}
          >
            <div className="notebook-cell-head">
              <span className="mono muted">[{count}]</span>
              {tags.map((tag) => (
                <span key={tag} className="notebook-tag">
                  {tag}
                </span>
              ))}
            </div>
            <pre className="notebook-source mono">{cellSource(cell)}</pre>
            {outputs.map((output, at) => (
              <NotebookOutput key={at} output={output} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
