// A Markdown cell as plain structure: headings, list items and paragraphs, every word as text.
// No HTML in the cell is ever interpreted, so nothing in it can run or load.
import type { ReactNode } from 'react';

const HEADING_TAGS = ['h3', 'h4', 'h5'] as const;

export function MarkdownText({ source }: { source: string }) {
  const blocks: ReactNode[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(<p key={blocks.length}>{paragraph.join(' ')}</p>);
    paragraph = [];
  };
  for (const line of source.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      // # is h3, ## h4, ### h5, anything deeper h6.
      const Tag = HEADING_TAGS[(heading[1] ?? '#').length - 1] ?? 'h6';
      blocks.push(<Tag key={blocks.length}>{heading[2]}</Tag>);
    } else if (item) {
      flush();
      blocks.push(
        <div key={blocks.length} className="notebook-md-item">
          • {item[1]}
        </div>,
      );
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return <div className="notebook-markdown">{blocks}</div>;
}
