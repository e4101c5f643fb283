// A pandas table (text/html) shown without ever putting the notebook's HTML in the page: the
// markup is parsed in an inert document (nothing in it runs or loads), and only table elements
// and their text are rebuilt as React elements. Anything else (script, style, links, images,
// event attributes) is dropped; spans are the only attributes kept.
import { createElement } from 'react';
import type { ReactNode } from 'react';

const TABLE_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption']);
/** Elements whose text is no content (a pandas table carries a <style> for its notebook). */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math']);

function span(element: Element, name: 'colspan' | 'rowspan'): number | undefined {
  const value = Number.parseInt(element.getAttribute(name) ?? '', 10);
  return Number.isInteger(value) && value > 1 && value < 1000 ? value : undefined;
}

function rebuild(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (SKIPPED.has(tag)) return null;
  const children = [...element.childNodes].map((child, index) => rebuild(child, index));
  if (!TABLE_TAGS.has(tag)) return children;
  // Whitespace between rows is not allowed as a child of table parts in React's DOM.
  const content = tag === 'th' || tag === 'td' || tag === 'caption' ? children : children.filter((child) => typeof child !== 'string');
  const cell = tag === 'th' || tag === 'td' ? { colSpan: span(element, 'colspan'), rowSpan: span(element, 'rowspan') } : {};
  return createElement(tag, { key, ...cell }, ...content);
}

/** The first table of an HTML output as safe React elements, or null when it has none. */
export function safeTable(html: string): ReactNode {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const table = document.querySelector('table');
  return table === null ? null : rebuild(table, 0);
}
