// Renders a value as YAML text for one place in an existing file: as the value of a key, as
// an item of a block list, or inside a flow collection, indented to fit where it goes.
import { Document, Scalar, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import type { Node, ToStringOptions } from 'yaml';

export interface YamlStyle {
  indent: number;
  indentSeq: boolean;
  /** The file writes lists of plain values inline (`needs: [a]`), so new ones are written so too. */
  flowScalarLists?: boolean;
  /** Inline collections are written with spaces inside the brackets (`[ a ]`). */
  flowPadding?: boolean;
}

export interface ScalarHint {
  /** Keep the quoting or block style the user chose for the value being replaced. */
  scalarType?: Scalar.Type | undefined;
  /** Render collections in flow style ({ a: 1 }), with or without inner padding. */
  flow?: { padding: boolean } | undefined;
}

function options(style: YamlStyle, hint: ScalarHint): ToStringOptions {
  return {
    indent: style.indent,
    indentSeq: style.indentSeq,
    lineWidth: 0,
    minContentWidth: 0,
    flowCollectionPadding: hint.flow?.padding ?? style.flowPadding ?? true,
  };
}

function styledNode(document: Document, value: unknown, hint: ScalarHint, style: YamlStyle): Node {
  const node: Node = document.createNode(value, { flow: hint.flow !== undefined });
  if (hint.flow === undefined && style.flowScalarLists) inlineScalarLists(node);
  if (isScalar(node) && hint.scalarType && typeof value === 'string') {
    const multiLine = value.includes('\n');
    const blockStyle = hint.scalarType === Scalar.BLOCK_LITERAL || hint.scalarType === Scalar.BLOCK_FOLDED;
    if (!multiLine || blockStyle) node.type = hint.scalarType;
  }
  return node;
}

/** Lists of plain values inside a new value take the file's inline style; lists of maps stay blocks. */
function inlineScalarLists(node: unknown): void {
  if (isSeq(node)) {
    if (node.items.length > 0 && node.items.every(isScalar)) node.flow = true;
    else for (const item of node.items) inlineScalarLists(item);
  } else if (isMap(node)) {
    for (const pair of node.items) inlineScalarLists(pair.value);
  }
}

function indentFollowingLines(text: string, column: number): string {
  if (column === 0) return text;
  const pad = ' '.repeat(column);
  return text.replace(/\n(?=[^\n])/g, `\n${pad}`);
}

/** " value" or "\n  a: 1" — what follows "key:" for a key at `keyColumn`. */
export function renderMapValue(value: unknown, keyColumn: number, style: YamlStyle, hint: ScalarHint = {}): string {
  const document = new Document({});
  document.set('x', styledNode(document, value, hint, style));
  const text = document.toString(options(style, hint)).replace(/\n$/, '');
  return indentFollowingLines(text.slice('x:'.length), keyColumn);
}

/** "key: value" lines for a new entry of a block map whose keys sit at `keyColumn`. */
export function renderMapEntry(key: string, value: unknown, keyColumn: number, style: YamlStyle): string {
  const document = new Document({});
  document.set(key, styledNode(document, value, {}, style));
  const text = document.toString(options(style, {}));
  return ' '.repeat(keyColumn) + indentFollowingLines(text.replace(/\n$/, ''), keyColumn) + '\n';
}

/** "value" for a block list item whose "-" sits at `dashColumn`, without the "- ". */
export function renderSeqItemValue(
  value: unknown,
  dashColumn: number,
  style: YamlStyle,
  hint: ScalarHint = {},
): string {
  const document = new Document([]);
  document.add(styledNode(document, value, hint, style));
  const text = document.toString({ ...options(style, hint), indentSeq: false }).replace(/\n$/, '');
  return indentFollowingLines(text.slice(text.startsWith('- ') ? 2 : 1), dashColumn);
}

/** "- value" lines for a new item of a block list whose "-" sits at `dashColumn`. */
export function renderSeqItem(value: unknown, dashColumn: number, style: YamlStyle): string {
  return `${' '.repeat(dashColumn)}- ${renderSeqItemValue(value, dashColumn, style)}\n`;
}

/** A value inside a flow collection: always one line, quoted where flow syntax needs it. */
export function renderFlowValue(value: unknown, style: YamlStyle, hint: ScalarHint = {}): string {
  const document = new Document();
  const flowHint = { ...hint, flow: hint.flow ?? { padding: true } };
  const node = styledNode(document, value, flowHint, style);
  if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED))
    node.type = Scalar.QUOTE_DOUBLE;
  const wrapper = new YAMLSeq();
  wrapper.flow = true;
  wrapper.items.push(node);
  document.contents = wrapper;
  const text = document.toString({ ...options(style, flowHint), flowCollectionPadding: false }).trim();
  return text.slice(1, -1);
}

/** The whole document, for an empty file or the rare edit the patcher cannot place. */
export function renderDocument(value: unknown, style: YamlStyle): string {
  return new Document(value).toString(options(style, {}));
}
