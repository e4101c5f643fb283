// The first table of an HTML output (pandas writes one per DataFrame), read as plain data: the
// table's elements and their text, nothing else. It is read from the text here and never handed
// to a browser's HTML parser, so no script, handler, style or image of the notebook's HTML can
// run or load, and the studio's content security policy never sees one to refuse.

export type TableTag = 'table' | 'caption' | 'thead' | 'tbody' | 'tfoot' | 'tr' | 'th' | 'td';

export interface TableNode {
  tag: TableTag;
  colSpan?: number;
  rowSpan?: number;
  children: Array<TableNode | string>;
}

const TABLE_TAGS: ReadonlySet<string> = new Set<TableTag>([
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]);
const isTableTag = (name: string): name is TableTag => TABLE_TAGS.has(name);
/** Elements whose content is not text of the table (pandas adds a <style> before it). */
const RAW_TEXT = new Set([
  'script',
  'style',
  'template',
  'textarea',
  'title',
  'xmp',
  'noscript',
  'iframe',
  'noembed',
  'noframes',
]);
const TEXT_HOLDERS = new Set(['th', 'td', 'caption']);
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function span(attributes: string, name: string): number | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d{1,3})`, 'i').exec(attributes);
  const value = match ? Number(match[1]) : NaN;
  return value > 1 ? value : undefined;
}

/** The first table of `html`, or null when it has none. */
export function readHtmlTable(html: string): TableNode | null {
  let root: TableNode | null = null;
  const open: TableNode[] = [];
  let rawText: string | null = null;
  for (const [token, closing, rawName, attributes, text] of html.matchAll(TOKEN)) {
    const name = rawName?.toLowerCase();
    if (rawText !== null) {
      if (closing && name === rawText) rawText = null;
      continue;
    }
    if (text !== undefined || token === '<') {
      const holder = open[open.length - 1];
      if (holder && TEXT_HOLDERS.has(holder.tag)) holder.children.push(decodeEntities(text ?? token));
      continue;
    }
    if (name === undefined) continue;
    if (!closing && RAW_TEXT.has(name)) {
      if (!(attributes ?? '').trimEnd().endsWith('/')) rawText = name;
      continue;
    }
    if (!isTableTag(name)) continue;
    if (closing) {
      const at = open.map((node) => node.tag).lastIndexOf(name);
      if (at >= 0) open.length = at;
      if (root && open.length === 0) return root;
      continue;
    }
    if (root === null && name !== 'table') continue;
    const node: TableNode = { tag: name, children: [] };
    const colSpan = span(attributes ?? '', 'colspan');
    const rowSpan = span(attributes ?? '', 'rowspan');
    if (colSpan) node.colSpan = colSpan;
    if (rowSpan) node.rowSpan = rowSpan;
    if (root === null) root = node;
    else open[open.length - 1]?.children.push(node);
    open.push(node);
  }
  return root;
}
