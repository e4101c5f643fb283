// Markdown read into plain blocks and spans that the studio turns into React elements. Nothing
// from the file ever becomes HTML: raw HTML shows as text, links as their words (with the
// address beside), images as their alt text, so a model card cannot run script in the studio.
// It covers what reports use: headings, paragraphs, lists, code, tables, rules, emphasis.

export type Span =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; spans: Span[] }
  | { kind: 'em'; spans: Span[] }
  | { kind: 'link'; spans: Span[]; href: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; items: Span[][] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; header: Span[][]; rows: Span[][][] }
  | { kind: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const HEADING_LEVELS = [1, 2, 3, 4, 5, 6] as const;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function markdownBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at] ?? '';
    if (line.trim() === '') {
      at += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      at += 1;
      while (at < lines.length && !(lines[at] ?? '').trim().startsWith(fence[1] ?? '```')) code.push(lines[at++] ?? '');
      at += 1;
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = HEADING_LEVELS.find((each) => each === heading[1]?.length) ?? 1;
      blocks.push({ kind: 'heading', level, spans: inlineSpans(heading[2] ?? '') });
      at += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      at += 1;
      continue;
    }
    if (line.includes('|') && TABLE_DIVIDER.test(lines[at + 1] ?? '')) {
      const header = tableCells(line);
      const rows: Span[][][] = [];
      at += 2;
      while (at < lines.length && (lines[at] ?? '').includes('|') && (lines[at] ?? '').trim() !== '')
        rows.push(tableCells(lines[at++] ?? ''));
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listPattern) {
      const items: Span[][] = [];
      while (at < lines.length && listPattern.test(lines[at] ?? ''))
        items.push(inlineSpans(listPattern.exec(lines[at++] ?? '')?.[1] ?? ''));
      blocks.push({ kind: 'list', ordered: listPattern === NUMBERED, items });
      continue;
    }
    const paragraph: string[] = [];
    while (at < lines.length && (lines[at] ?? '').trim() !== '' && !startsBlock(lines[at] ?? ''))
      paragraph.push((lines[at++] ?? '').trim());
    if (paragraph.length === 0) paragraph.push((lines[at++] ?? '').trim());
    blocks.push({ kind: 'paragraph', spans: inlineSpans(paragraph.join(' ')) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || FENCE.test(line) || RULE.test(line) || BULLET.test(line) || NUMBERED.test(line);
}

function tableCells(line: string): Span[][] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => inlineSpans(cell.trim()));
}

// Earliest match wins; code first, so nothing inside backticks is read as emphasis.
const INLINE: Array<{ pattern: RegExp; make(match: RegExpExecArray): Span }> = [
  { pattern: /`([^`]+)`/, make: (match) => ({ kind: 'code', text: match[1] ?? '' }) },
  {
    pattern: /!\[([^\]]*)\]\(([^)\s]*)[^)]*\)/,
    make: (match) => ({ kind: 'text', text: match[1] ? `[image: ${match[1]}]` : '[image]' }),
  },
  {
    pattern: /\[([^\]]+)\]\(([^)\s]*)[^)]*\)/,
    make: (match) => ({ kind: 'link', spans: inlineSpans(match[1] ?? ''), href: match[2] ?? '' }),
  },
  // Underscores inside a word (min_samples_leaf, a param name in a model card) are not emphasis,
  // as in CommonMark; asterisks are emphasis anywhere.
  {
    pattern: /\*\*(.+?)\*\*|(?<![\p{L}\p{N}_])__(.+?)__(?![\p{L}\p{N}_])/u,
    make: (match) => ({ kind: 'strong', spans: inlineSpans(match[1] ?? match[2] ?? '') }),
  },
  {
    pattern: /\*([^*]+?)\*|(?<![\p{L}\p{N}_])_([^_]+?)_(?![\p{L}\p{N}_])/u,
    make: (match) => ({ kind: 'em', spans: inlineSpans(match[1] ?? match[2] ?? '') }),
  },
];

export function inlineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { match: RegExpExecArray; make(match: RegExpExecArray): Span } | null = null;
    for (const rule of INLINE) {
      const match = rule.pattern.exec(rest);
      if (match && (best === null || match.index < best.match.index)) best = { match, make: rule.make };
    }
    if (best === null) {
      spans.push({ kind: 'text', text: rest });
      break;
    }
    if (best.match.index > 0) spans.push({ kind: 'text', text: rest.slice(0, best.match.index) });
    spans.push(best.make(best.match));
    rest = rest.slice(best.match.index + best.match[0].length);
  }
  return spans;
}
