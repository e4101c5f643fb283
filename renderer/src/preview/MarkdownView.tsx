// A Markdown file shown as React elements built from its blocks: no HTML from the file is ever
// parsed, so nothing in it can run. Links show their address instead of navigating.
import type { ReactNode } from 'react';
import type { Block, Span } from '../../../shared/preview/markdown-blocks.js';
import { markdownBlocks } from '../../../shared/preview/markdown-blocks.js';

function Spans({ spans }: { spans: readonly Span[] }): ReactNode {
  return spans.map((span, index) => {
    switch (span.kind) {
      case 'text':
        return span.text;
      case 'code':
        return <code key={index}>{span.text}</code>;
      case 'strong':
        return (
          <strong key={index}>
            <Spans spans={span.spans} />
          </strong>
        );
      case 'em':
        return (
          <em key={index}>
            <Spans spans={span.spans} />
          </em>
        );
      case 'link':
        return (
          <span key={index} className="markdown-link" title={span.href}>
            <Spans spans={span.spans} /> <span className="muted">({span.href})</span>
          </span>
        );
    }
  });
}

function BlockView({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const Heading = `h${block.level}` as const;
      return (
        <Heading>
          <Spans spans={block.spans} />
        </Heading>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Spans spans={block.spans} />
        </p>
      );
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List>
          {block.items.map((item, index) => (
            <li key={index}>
              <Spans spans={item} />
            </li>
          ))}
        </List>
      );
    }
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case 'table':
      return (
        <table className="preview-table">
          <thead>
            <tr>
              {block.header.map((cell, index) => (
                <th key={index}>
                  <Spans spans={cell} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, at) => (
              <tr key={at}>
                {row.map((cell, index) => (
                  <td key={index}>
                    <Spans spans={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'rule':
      return <hr />;
  }
}

export function MarkdownView({ text }: { text: string }) {
  return (
    <div className="markdown-view" data-testid="preview-markdown">
      {markdownBlocks(text).map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </div>
  );
}
