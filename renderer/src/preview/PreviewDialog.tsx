// The preview of a file opened from a node, an edge or the step panel: the files on offer as
// tabs, how the file stands to the run shown, and the file itself as a table and profile, a
// picture (from bytes, as a data: URL, which an <img> never runs script from), Markdown, or a
// folder's files to pick from.
import { FileWarning, X } from 'lucide-react';
import { useCallback } from 'react';
import { useEscape } from '../studio/use-escape.js';
import { formatCount } from '../../../shared/preview/preview-format.js';
import type { FilePreview, RunFileCheck } from '../../../shared/preview/preview-types.js';
import { usePreview, useStudio } from '../studio/studio-context.js';
import { MarkdownView } from './MarkdownView.js';
import { TablePreviewView } from './TablePreviewView.js';
import { LineageView } from './LineageView.js';

function RunNote({ check }: { check: RunFileCheck }) {
  const run = <code>{check.runId}</code>;
  const text = {
    current: (
      <>
        as written by step {check.stepId} in run {run}
      </>
    ),
    changed: (
      <>
        changed since run {run}: this is the file as it is now, not what step {check.stepId} wrote then
      </>
    ),
    gone: (
      <>
        gone: the file step {check.stepId} wrote in run {run} is no longer there
      </>
    ),
    unrecorded: (
      <>
        run {run} recorded no fingerprint of this file for step {check.stepId}; shown as it is now
      </>
    ),
  }[check.state];
  return (
    <p className={`preview-run-note state-${check.state}`} data-testid="preview-run-state" data-state={check.state}>
      {check.state !== 'current' ? <FileWarning size={14} /> : null} {text}
    </p>
  );
}

function PreviewBody({ preview }: { preview: FilePreview }) {
  const { previewController } = useStudio();
  switch (preview.kind) {
    case 'table':
      return <TablePreviewView preview={preview} />;
    case 'image':
      return (
        <div className="preview-image">
          <img
            data-testid="preview-image"
            alt={preview.path}
            src={`data:${preview.mediaType};base64,${preview.base64}`}
          />
          <p className="muted">{formatCount(preview.bytes)} bytes</p>
        </div>
      );
    case 'markdown':
      return <MarkdownView text={preview.text} />;
    case 'folder':
      return (
        <div data-testid="preview-folder">
          <p className="muted">
            A folder of {formatCount(preview.files.length)}
            {preview.truncated ? '+' : ''} files; pick one to preview.
          </p>
          <ul className="preview-folder">
            {preview.files.map((file) => (
              <li key={file.path}>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`preview-folder-file-${file.path}`}
                  onClick={() => previewController.pick(file.path)}
                >
                  {file.path}
                </button>
                <span className="muted"> {formatCount(file.bytes)} bytes</span>
              </li>
            ))}
          </ul>
        </div>
      );
  }
}

export function PreviewDialog() {
  const { previewController } = useStudio();
  const target = usePreview((state) => state.target);
  const answer = usePreview((state) => state.answer);
  const loading = usePreview((state) => state.loading);
  const error = usePreview((state) => state.error);
  const close = useCallback(() => previewController.close(), [previewController]);
  const view = usePreview((state) => state.view);
  const setView = usePreview((state) => state.setView);
  useEscape(close, target !== null);
  if (target === null) return null;
  return (
    <div className="dialog-backdrop" onClick={() => previewController.close()}>
      <section
        className="dialog preview-dialog"
        data-testid="preview"
        data-path={target.path}
        role="dialog"
        aria-label={`Preview of ${target.path}`}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <span>
            Preview <code data-testid="preview-path">{target.path}</code>
          </span>
          <button
            type="button"
            className="icon-button"
            title="Close"
            data-testid="preview-close"
            onClick={() => previewController.close()}
          >
            <X size={16} />
          </button>
        </div>
        {target.paths.length > 1 ? (
          <nav className="preview-tabs">
            {target.paths.map((path) => (
              <button
                key={path}
                type="button"
                className={path === target.path ? 'active' : ''}
                data-testid={`preview-tab-${path}`}
                onClick={() => previewController.pick(path)}
              >
                {path}
              </button>
            ))}
          </nav>
        ) : null}
        <nav className="preview-views" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={view === 'data'}
            className={view === 'data' ? 'active' : ''}
            data-testid="preview-view-data"
            onClick={() => setView('data')}
          >
            Data
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'lineage'}
            className={view === 'lineage' ? 'active' : ''}
            data-testid="preview-view-lineage"
            onClick={() => setView('lineage')}
          >
            Lineage
          </button>
        </nav>
        {answer?.run ? <RunNote check={answer.run} /> : null}
        {view === 'lineage' ? <LineageView path={target.path} runId={target.run?.runId ?? null} /> : null}
        {view === 'data' && loading ? (
          <p className="muted" data-testid="preview-loading">
            Reading {target.path}…
          </p>
        ) : null}
        {view === 'data' && error ? (
          <p className="field-problem error" data-testid="preview-error">
            {error}
          </p>
        ) : null}
        {view === 'data' && answer?.preview ? <PreviewBody preview={answer.preview} /> : null}
      </section>
    </div>
  );
}
