// Writes a changed value back into the YAML text it came from, touching only what changed:
// every comment, blank line, quote style and key order elsewhere stays byte for byte. Edits
// from the canvas go through here, so a one-field change is a one-line git diff.
// Over 300 lines because keeping the text of a document byte for byte across every kind of YAML
// node (maps, lists, flow and block, comments) is one algorithm; rendering lives in yaml-render.ts.
import { Scalar, isAlias, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { present } from '../invariant/present.js';
import { isDeepStrictEqual } from './deep-equal.js';
import { matchSequences } from './match-sequences.js';
import { itemsOf, pairsOf } from './parsed-nodes.js';
import type { ScalarHint, YamlStyle } from './yaml-render.js';
import {
  renderDocument,
  renderFlowValue,
  renderMapEntry,
  renderMapValue,
  renderSeqItem,
  renderSeqItemValue,
} from './yaml-render.js';

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Insertions at one offset keep the order they were made in. */
  order: number;
}

/** Where a node sits, which decides how a replacement is rendered. */
type Slot =
  | { kind: 'root' }
  | { kind: 'map-value'; keyColumn: number; colonEnd: number }
  | { kind: 'seq-item'; dashColumn: number }
  | { kind: 'flow' };

export class YamlPatchError extends Error {}

/** The usual order of a map's keys (by its path of keys from the root), or undefined when it has none. */
export type KeyOrder = (path: readonly string[]) => readonly string[] | undefined;

export interface PatchOptions {
  /** Where a new key goes: after the keys that come before it in this order (`description` under `name`). */
  keyOrder?: KeyOrder;
}

export function patchYaml(text: string, next: unknown, options: PatchOptions = {}): string {
  const patched = tryPatchYaml(text, next, options);
  if (patched !== null) return patched;
  // Safety net: never write something that does not read back as the intended value.
  const parsed = parseDocument(text, { merge: true });
  const style = detectStyle(text, parsed);
  // As a plain document: its contents become a new node, not one parsed from text.
  const fallback: Document = parsed;
  fallback.contents = fallback.createNode(next);
  return fallback.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
}

/** The minimal in-place edit, or null when it would not read back exactly as `next`. */
export function tryPatchYaml(text: string, next: unknown, options: PatchOptions = {}): string | null {
  const document = parseDocument(text, { merge: true });
  if (document.errors.length > 0)
    throw new YamlPatchError(`cannot edit YAML with syntax errors: ${document.errors[0]?.message ?? ''}`);
  const style = detectStyle(text, document);
  if (document.contents === null) return renderDocument(next, style);

  const patcher = new Patcher(text, document, style, options);
  patcher.diff(document.contents, next, { kind: 'root' }, []);
  const patched = patcher.apply();
  const check = parseDocument(patched, { merge: true });
  return check.errors.length === 0 && isDeepStrictEqual(check.toJS(), next) ? patched : null;
}

class Patcher {
  private readonly edits: Edit[] = [];
  private readonly push = (edit: Omit<Edit, 'order'>) => this.edits.push({ ...edit, order: this.edits.length });

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
    private readonly style: YamlStyle,
    private readonly options: PatchOptions,
  ) {}

  apply(): string {
    let result = this.text;
    for (const edit of [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order)) {
      result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    }
    return result;
  }

  diff(node: Node, next: unknown, slot: Slot, path: readonly string[]): void {
    if (isDeepStrictEqual(this.toJS(node), next)) return;
    if (isMap(node) && isPlainObject(next) && !node.flow && Object.keys(next).length > 0 && !hasMergeKey(node)) {
      this.diffBlockMap(node, next, path);
    } else if (isSeq(node) && Array.isArray(next) && !node.flow && next.length > 0) {
      this.diffBlockSeq(node, next, path);
    } else if ((isMap(node) || isSeq(node)) && node.flow && sameShape(node, next)) {
      this.diffFlowCollection(node, next);
    } else {
      this.replace(node, next, slot);
    }
  }

  private diffBlockMap(map: YAMLMap, next: Record<string, unknown>, path: readonly string[]): void {
    const pairs = pairsOf(map);
    const keyed = pairs.map((pair) => ({ pair, oldKey: String(isScalar(pair.key) ? pair.key.value : '') }));
    const oldKeys = keyed.map((entry) => entry.oldKey);
    const newKeys = Object.keys(next);
    const removed = oldKeys.filter((key) => !Object.hasOwn(next, key));
    const added = newKeys.filter((key) => !oldKeys.includes(key));
    const renamed = new Map<string, string>();
    if (removed.length === added.length) {
      removed.forEach((key, index) => {
        const replacement = added[index];
        if (replacement !== undefined && oldKeys.indexOf(key) === newKeys.indexOf(replacement))
          renamed.set(key, replacement);
      });
    }

    keyed.forEach(({ pair, oldKey }) => {
      const newKey = renamed.get(oldKey) ?? oldKey;
      if (!Object.hasOwn(next, newKey)) {
        this.push({ start: this.lineStart(pair.key.range?.[0] ?? 0), end: this.pairEnd(pair), text: '' });
        return;
      }
      if (newKey !== oldKey) this.replace(pair.key, newKey, { kind: 'flow' });
      const keyStart = pair.key.range?.[0] ?? 0;
      const slot: Slot = { kind: 'map-value', keyColumn: this.column(keyStart), colonEnd: this.colonEnd(pair) };
      if (pair.value === null) this.insertValue(slot, next[newKey]);
      else this.diff(pair.value, next[newKey], slot, [...path, newKey]);
    });

    const keyColumn = this.column(pairs[0]?.key.range?.[0] ?? 0);
    const renamedTargets = new Set(renamed.values());
    const order = this.options.keyOrder?.(path);
    const rank = (key: string) => {
      const at = order?.indexOf(key) ?? -1;
      return at < 0 ? Number.POSITIVE_INFINITY : at;
    };
    const kept = keyed.flatMap(({ pair, oldKey }) => {
      const key = renamed.get(oldKey) ?? oldKey;
      return Object.hasOwn(next, key) ? [{ key, pair }] : [];
    });
    const addedKeys = newKeys.filter((key) => !oldKeys.includes(key) && !renamedTargets.has(key));
    // Known keys are placed in their usual order, whatever order the edit added them in.
    for (const key of addedKeys.sort((a, b) => rank(a) - rank(b))) {
      const at = this.newKeyOffset(key, rank, kept) ?? this.afterPreviousInNext(key, newKeys, pairs, oldKeys, renamed);
      this.insertLines(at, renderMapEntry(key, next[key], keyColumn, this.style));
    }
  }

  /** Just after the kept key that comes last before `key` in the usual order, else before the first that comes after it. */
  private newKeyOffset(
    key: string,
    rank: (key: string) => number,
    kept: Array<{ key: string; pair: Pair<Node, Node | null> }>,
  ): number | undefined {
    const own = rank(key);
    if (own === Number.POSITIVE_INFINITY) return undefined;
    const before = kept.filter((entry) => rank(entry.key) < own).sort((a, b) => rank(b.key) - rank(a.key))[0];
    if (before) return this.pairEnd(before.pair);
    const after = kept.find((entry) => rank(entry.key) > own && rank(entry.key) !== Number.POSITIVE_INFINITY);
    return after ? this.leadingCommentsStart(after.pair.key.range?.[0] ?? 0) : undefined;
  }

  /** Where a key with no usual place goes: after the key that precedes it in the new data. */
  private afterPreviousInNext(
    key: string,
    newKeys: string[],
    pairs: Array<Pair<Node, Node | null>>,
    oldKeys: string[],
    renamed: Map<string, string>,
  ): number {
    const previous = newKeys
      .slice(0, newKeys.indexOf(key))
      .reverse()
      .map((k) => pairOf(pairs, oldKeys, renamed, k))
      .find(Boolean);
    return previous ? this.pairEnd(previous) : this.lineStart(pairs[0]?.key.range?.[0] ?? 0);
  }

  /** The start of the comment lines directly above a key, which belong to it. */
  private leadingCommentsStart(keyOffset: number): number {
    let start = this.lineStart(keyOffset);
    while (start > 0) {
      const previous = this.lineStart(start - 1);
      if (!this.text.slice(previous, start).trimStart().startsWith('#')) break;
      start = previous;
    }
    return start;
  }

  private diffBlockSeq(seq: YAMLSeq, next: unknown[], path: readonly string[]): void {
    const items = itemsOf(seq);
    const oldValues = items.map((item) => this.toJS(item));
    const dashColumn = this.dashColumn(items[0]);
    const plan = matchSequences(oldValues, next, isDeepStrictEqual);
    let lastKept: Node | undefined;
    for (const step of plan) {
      if (step.kind === 'keep') {
        lastKept = items[step.oldIndex];
      } else if (step.kind === 'change') {
        const item = present(items[step.oldIndex], 'the list item being changed');
        this.diff(item, next[step.newIndex], { kind: 'seq-item', dashColumn: this.dashColumn(item) }, [
          ...path,
          String(step.newIndex),
        ]);
        lastKept = item;
      } else if (step.kind === 'remove') {
        const item = present(items[step.oldIndex], 'the list item being removed');
        this.push({ start: this.lineStart(this.dashOffset(item)), end: this.nodeEnd(item), text: '' });
      } else {
        const at = lastKept
          ? this.nodeEnd(lastKept)
          : this.lineStart(this.dashOffset(present(items[0], 'the first item of a block list')));
        this.insertLines(at, renderSeqItem(next[step.newIndex], dashColumn, this.style));
      }
    }
  }

  private diffFlowCollection(node: YAMLMap | YAMLSeq, next: unknown): void {
    // sameShape checked that `next` is a list of the same length, or a mapping with the same keys.
    if (isSeq(node)) {
      const values: unknown[] = Array.isArray(next) ? next : [];
      itemsOf(node).forEach((item, index) => this.diff(item, values[index], { kind: 'flow' }, []));
      return;
    }
    const values = isPlainObject(next) ? next : {};
    for (const pair of pairsOf(node)) {
      const key = String(isScalar(pair.key) ? pair.key.value : '');
      if (pair.value) this.diff(pair.value, values[key], { kind: 'flow' }, []);
    }
  }

  /** Re-renders one node in place, keeping its scalar style where the new value allows. */
  private replace(node: Node, next: unknown, slot: Slot): void {
    const range = node.range ?? [0, 0, 0];
    // An empty {} is a placeholder, not a style choice: what replaces it is written as a block.
    // An empty [] becoming a list of plain values (needs: [] -> [a]) stays inline.
    const keepsFlow =
      (isMap(node) || isSeq(node)) && node.flow && (node.items.length > 0 || (isSeq(node) && isScalarList(next)));
    const hint: ScalarHint = {
      scalarType: isScalar(node) ? node.type : undefined,
      flow: keepsFlow ? { padding: this.text[range[0] + 1] === ' ' } : undefined,
    };
    if (isAlias(node)) hint.scalarType = Scalar.PLAIN;
    switch (slot.kind) {
      case 'root':
        this.push({ start: range[0], end: range[1], text: renderDocument(next, this.style).replace(/\n$/, '') });
        return;
      case 'flow':
        this.push({ start: range[0], end: range[1], text: renderFlowValue(next, this.style, hint) });
        return;
      case 'seq-item':
        this.push({
          start: range[0],
          end: this.blockValueEnd(node),
          text: renderSeqItemValue(next, slot.dashColumn, this.style, hint),
        });
        return;
      case 'map-value': {
        const rendered = renderMapValue(next, slot.keyColumn, this.style, hint);
        const onColonLine = !this.text.slice(slot.colonEnd, range[0]).includes('\n');
        const inline = !rendered.startsWith('\n') && !isBlockScalar(node) && onColonLine;
        // An inline value keeps the user's spacing after the colon; a block one starts its own line.
        const start = inline ? range[0] : slot.colonEnd;
        const text = inline ? rendered.replace(/^ /, range[0] === slot.colonEnd ? ' ' : '') : rendered;
        this.push({ start, end: this.blockValueEnd(node), text });
      }
    }
  }

  private insertValue(slot: Extract<Slot, { kind: 'map-value' }>, next: unknown): void {
    this.push({ start: slot.colonEnd, end: slot.colonEnd, text: renderMapValue(next, slot.keyColumn, this.style) });
  }

  private insertLines(at: number, lines: string): void {
    const needsBreak = at > 0 && this.text[at - 1] !== '\n';
    this.push({ start: at, end: at, text: needsBreak ? `\n${lines.replace(/\n$/, '')}` : lines });
  }

  private toJS(node: Node): unknown {
    return node.toJS(this.document, { maxAliasCount: 1000 });
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The end of a value without its trailing line break, so following comments stay put. */
  private blockValueEnd(node: Node): number {
    const range = node.range ?? [0, 0, 0];
    let end = range[1];
    while (end > range[0] && this.text[end - 1] === '\n') end -= 1;
    return end;
  }

  /** Just past the line break that ends a node (and its trailing comment). */
  private nodeEnd(node: Node): number {
    const end = node.range?.[2] ?? 0;
    if (end > 0 && this.text[end - 1] === '\n') return end;
    const lineBreak = this.text.indexOf('\n', end);
    return lineBreak === -1 ? this.text.length : lineBreak + 1;
  }

  private pairEnd(pair: Pair<Node, Node | null>): number {
    return this.nodeEnd(pair.value ?? pair.key);
  }

  private colonEnd(pair: Pair<Node, Node | null>): number {
    const keyEnd = pair.key.range?.[1] ?? 0;
    return this.text.indexOf(':', keyEnd) + 1;
  }

  private dashOffset(item: Node): number {
    const start = item.range?.[0] ?? 0;
    const dash = this.text.lastIndexOf('-', start);
    return dash >= 0 ? dash : start;
  }

  private dashColumn(item: Node | undefined): number {
    return item ? this.column(this.dashOffset(item)) : 0;
  }
}

function pairOf(pairs: Array<Pair<Node, Node | null>>, oldKeys: string[], renamed: Map<string, string>, key: string) {
  const index = oldKeys.findIndex((old) => (renamed.get(old) ?? old) === key);
  return index >= 0 ? pairs[index] : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalarList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
}

function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((pair) => isScalar(pair.key) && pair.key.value === '<<');
}

function isBlockScalar(node: Node): boolean {
  return isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
}

/** A flow collection can be edited item by item when only values, not its keys or length, change. */
function sameShape(node: YAMLMap | YAMLSeq, next: unknown): boolean {
  if (isSeq(node)) return Array.isArray(next) && next.length === node.items.length;
  if (!isPlainObject(next)) return false;
  const keys = node.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : ''));
  const nextKeys = Object.keys(next);
  return keys.length === nextKeys.length && keys.every((key) => Object.hasOwn(next, key)) && !hasMergeKey(node);
}

/** The indentation the user writes with, so inserted lines look like theirs. */
function detectStyle(text: string, document: Document.Parsed): YamlStyle {
  const style: YamlStyle = { indent: 2, indentSeq: true };
  let foundIndent = false;
  let foundSeq = false;
  // Lists of plain values written by the user under a block key: inline or as blocks, whichever is more common.
  let inlineLists = 0;
  let blockLists = 0;
  let paddedLists = 0;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const visit = (node: unknown, keyColumn: number) => {
    if (isMap(node) && !node.flow) {
      for (const pair of pairsOf(node)) {
        if (isSeq(pair.value) && pair.value.items.length > 0 && pair.value.items.every(isScalar)) {
          if (!pair.value.flow) blockLists += 1;
          else {
            inlineLists += 1;
            if (text[(pair.value.range?.[0] ?? 0) + 1] === ' ') paddedLists += 1;
          }
        }
        const start = pair.key.range?.[0] ?? 0;
        const column = start - lineStart(start);
        const value = pair.value;
        const firstKey = isMap(value) ? value.items[0]?.key : undefined;
        if (isMap(value) && !value.flow && isNode(firstKey) && !foundIndent) {
          const childStart = firstKey.range?.[0] ?? 0;
          const indent = childStart - lineStart(childStart) - column;
          if (indent > 0) {
            style.indent = indent;
            foundIndent = true;
          }
        }
        const firstItem = isSeq(value) ? value.items[0] : undefined;
        if (isSeq(value) && !value.flow && isNode(firstItem) && !foundSeq) {
          const itemStart = firstItem.range?.[0] ?? 0;
          const dash = text.lastIndexOf('-', itemStart);
          style.indentSeq = dash - lineStart(dash) > column;
          foundSeq = true;
        }
        visit(value, column);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const item of node.items) visit(item, keyColumn);
    }
  };
  visit(document.contents, 0);
  style.flowScalarLists = inlineLists > blockLists;
  if (inlineLists > 0) style.flowPadding = paddedLists * 2 > inlineLists;
  return style;
}
