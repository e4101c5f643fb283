// Parses a YAML file once and keeps what is needed to point at any field in it: the
// document with source ranges and a line counter. Syntax errors become problems.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { FieldPath, Problem, SourcePosition } from './problem.js';

export interface YamlSource {
  file: string;
  text: string;
  document: Document.Parsed;
  /** The plain data, or undefined when the YAML does not parse. */
  data: unknown;
  syntaxProblems: Problem[];
  locate(path: FieldPath, target?: 'key' | 'value'): SourcePosition;
}

export function readYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  const span = (start: number, end: number): SourcePosition => {
    const from = position(start);
    const to = position(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };

  const syntaxProblems: Problem[] = document.errors.map((error) => {
    const base = { severity: 'error' as const, file, ...span(error.pos[0], error.pos[1]) };
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = findDuplicateKey(document.contents, error.pos[0], []);
      if (duplicate) {
        const first = position(duplicate.firstOffset);
        const key = String(duplicate.path[duplicate.path.length - 1]);
        return { ...base, code: 'duplicate-key', path: duplicate.path, message: `duplicate key "${key}" (first defined at line ${first.line})` };
      }
    }
    const detail = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    return { ...base, code: 'yaml-syntax', path: [], message: `YAML syntax: ${detail}` };
  });

  const locate = (path: FieldPath, target: 'key' | 'value' = 'value'): SourcePosition => {
    let node: unknown = document.contents;
    let range: readonly number[] | null | undefined = (node as Node | null)?.range;
    for (let index = 0; index < path.length; index += 1) {
      const segment = path[index];
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const keyRange = (pair.key as Node).range;
        const valueRange = (pair.value as Node | null)?.range;
        range = last && target === 'key' ? keyRange : (valueRange ?? keyRange);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        range = item.range;
        node = item;
      } else {
        break;
      }
    }
    if (!range) return span(0, 0);
    return span(range[0] ?? 0, range[1] ?? range[0] ?? 0);
  };

  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      syntaxProblems.push(...aliasProblems(document, file, span, (error as Error).message));
    }
  }
  return { file, text, document, data, syntaxProblems, locate };
}

interface DuplicateKey {
  path: Array<string | number>;
  firstOffset: number;
}

/** Finds the repeated key that starts at `offset`, with its field path and first definition. */
function findDuplicateKey(node: unknown, offset: number, path: Array<string | number>): DuplicateKey | undefined {
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const start = (pair.key as Node | null)?.range?.[0];
      if (key === undefined || start === undefined) continue;
      const first = seen.get(key);
      if (start === offset && first !== undefined) return { path: [...path, key], firstOffset: first };
      if (first === undefined) seen.set(key, start);
      const inner = findDuplicateKey(pair.value, offset, [...path, key]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const inner = findDuplicateKey(item, offset, [...path, index]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Aliases (*name) without an anchor (&name) before them, or too many of them to expand. */
function aliasProblems(
  document: Document.Parsed,
  file: string,
  span: (start: number, end: number) => SourcePosition,
  reason: string,
): Problem[] {
  const problems: Problem[] = [];
  visit(document, {
    Alias(_key, node) {
      if (node.resolve(document) === undefined) {
        problems.push({
          severity: 'error',
          code: 'yaml-syntax',
          message: `YAML syntax: alias *${node.source} has no anchor &${node.source} before it`,
          file,
          path: [],
          ...span(node.range?.[0] ?? 0, node.range?.[1] ?? 0),
        });
      }
    },
  });
  if (problems.length > 0) return problems;
  return [{ severity: 'error', code: 'yaml-syntax', message: `YAML syntax: ${reason}`, file, path: [], ...span(0, 0) }];
}
