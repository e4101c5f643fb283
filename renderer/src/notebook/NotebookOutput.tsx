// One output of an executed cell, as Jupyter shows it: streams and text as text, an error with
// its traceback (colour codes removed), a pandas table rebuilt safely, PNG and SVG pictures as
// images (an SVG shown as an image runs no script and loads nothing).
import { joinText, stripAnsi } from '../../../shared/notebook/notebook-format.js';
import type { NotebookOutput as Output } from '../../../shared/notebook/notebook-format.js';
import { safeTable } from './safe-table.js';

/** Base64 of UTF-8 text, for a data: URL. */
function base64Text(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function NotebookOutput({ output }: { output: Output }) {
  if (output.output_type === 'stream') {
    return (
      <pre
        className={`notebook-output stream ${output.name === 'stderr' ? 'stderr' : ''}`}
        data-testid="notebook-stream"
      >
        {stripAnsi(joinText(output.text))}
      </pre>
    );
  }
  if (output.output_type === 'error') {
    return (
      <pre className="notebook-output error" data-testid="notebook-error">
        {stripAnsi(output.traceback.length > 0 ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`)}
      </pre>
    );
  }
  const { data } = output;
  const png = joinText(data['image/png']).replace(/\s/g, '');
  if (png && /^[A-Za-z0-9+/=]+$/.test(png)) {
    return (
      <img
        className="notebook-output image"
        data-testid="notebook-image"
        alt="cell output (PNG)"
        src={`data:image/png;base64,${png}`}
      />
    );
  }
  const svg = joinText(data['image/svg+xml']);
  if (svg)
    return (
      <img
        className="notebook-output image"
        data-testid="notebook-image"
        alt="cell output (SVG)"
        src={`data:image/svg+xml;base64,${base64Text(svg)}`}
      />
    );
  const html = joinText(data['text/html']);
  const table = html.includes('<table') ? safeTable(html) : null;
  if (table)
    return (
      <div className="notebook-output table" data-testid="notebook-table">
        {table}
      </div>
    );
  const text = joinText(data['text/plain']);
  return text ? (
    <pre className="notebook-output text" data-testid="notebook-text">
      {stripAnsi(text)}
    </pre>
  ) : null;
}
