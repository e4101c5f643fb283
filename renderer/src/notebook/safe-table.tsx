// A pandas table (text/html) shown as React elements built from the table read as plain data
// (shared/notebook/html-table.ts): the notebook's HTML itself never reaches the page.
import { createElement } from 'react';
import type { ReactNode } from 'react';
import { readHtmlTable } from '../../../shared/notebook/html-table.js';
import type { TableNode } from '../../../shared/notebook/html-table.js';

/** Rows written straight in a table go in a body, as the browser's parser would put them. */
function withBodies(node: TableNode): TableNode {
  if (node.tag !== 'table' || !node.children.some((child) => typeof child !== 'string' && child.tag === 'tr'))
    return node;
  const children: TableNode['children'] = [];
  let body: TableNode | null = null;
  for (const child of node.children) {
    if (typeof child !== 'string' && child.tag === 'tr') {
      if (body === null) {
        body = { tag: 'tbody', children: [] };
        children.push(body);
      }
      body.children.push(child);
    } else {
      body = null;
      children.push(child);
    }
  }
  return { ...node, children };
}

function element(raw: TableNode, key: number): ReactNode {
  const node = withBodies(raw);
  const holdsText = node.tag === 'th' || node.tag === 'td' || node.tag === 'caption';
  const children = node.children.map((child, index) => (typeof child === 'string' ? child : element(child, index)));
  const spans = holdsText ? { colSpan: node.colSpan, rowSpan: node.rowSpan } : {};
  return createElement(node.tag, { key, ...spans }, ...children);
}

/** The first table of an HTML output as React elements, or null when it has none. */
export function safeTable(html: string): ReactNode {
  const table = readHtmlTable(html);
  return table === null ? null : element(table, 0);
}
