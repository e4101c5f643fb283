// Parses a YAML file once and keeps what is needed to point at any field in it: the
// document with source ranges and a line counter. Syntax errors become problems. A file that
// js-yaml reads as `yaml` would (yaml-quick-read.ts says when) gets its document only when
// something asks where a field is: most files are valid, and their data is all a reader needs.
import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import type { FieldPath, Problem, SourcePosition } from './problem.js';
import { quickYamlData } from './yaml-quick-read.js';
import { errorMessage } from '../text/error-message.js';

export interface YamlSource {
  file: string;
  text: string;
  /** The document with source ranges, parsed on first use when the file was read quickly. */
  readonly document: Document.Parsed;
  /** The plain data, or undefined when the YAML does not parse. */
  data: unknown;
  syntaxProblems: Problem[];
  locate(path: FieldPath, target?: 'key' | 'value'): SourcePosition;
}

interface ParsedYaml {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // Repeated keys are found below in one pass: the parser's own check compares each key with
  // every key before it in its map, quadratic in a pipeline of thousands of steps.
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  return { document, lineCounter };
}

export function readYamlSource(file: string, text: string): YamlSource {
  const quick = quickYamlData(text);
  let parsed: ParsedYaml | null = null;
  const parse = (): ParsedYaml => (parsed ??= parseYaml(text));
  const position = (offset: number) => {
    const { line, col } = parse().lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };
  const span = (start: number, end: number): SourcePosition => {
    const from = position(start);
    const to = position(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };

  if (quick !== null) {
    return {
      file,
      text,
      get document() {
        return parse().document;
      },
      data: quick.data,
      syntaxProblems: [],
      locate: (path, target) => locate(parse().document, path, target, span),
    };
  }
  const { document } = parse();
  const syntaxProblems: Problem[] = document.errors.map((error) => {
    const detail = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    return {
      severity: 'error' as const,
      file,
      ...span(error.pos[0], error.pos[1]),
      code: 'yaml-syntax',
      path: [],
      message: `YAML syntax: ${detail}`,
    };
  });
  for (const duplicate of duplicateKeys(document.contents, [])) {
    const key = String(duplicate.path[duplicate.path.length - 1]);
    syntaxProblems.push({
      severity: 'error',
      file,
      ...span(duplicate.offset, duplicate.offset + 1),
      code: 'duplicate-key',
      path: duplicate.path,
      message: `duplicate key "${key}" (first defined at line ${position(duplicate.firstOffset).line})`,
    });
  }

  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      syntaxProblems.push(...aliasProblems(document, file, span, errorMessage(error)));
    }
  }
  return {
    file,
    text,
    document,
    data,
    syntaxProblems,
    locate: (path, target) => locate(document, path, target, span),
  };
}

/** Where the field at `path` is in the document (its key or its value); the closest field found when it is absent. */
function locate(
  document: Document.Parsed,
  path: FieldPath,
  target: 'key' | 'value' = 'value',
  span: (start: number, end: number) => SourcePosition,
): SourcePosition {
  let node: unknown = document.contents;
  let range: readonly number[] | null | undefined = isNode(node) ? node.range : undefined;
  for (let index = 0; index < path.length; index += 1) {
    const segment = path[index];
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const keyRange = isNode(pair.key) ? pair.key.range : undefined;
      const valueRange = isNode(pair.value) ? pair.value.range : undefined;
      range = last && target === 'key' ? keyRange : (valueRange ?? keyRange);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      range = item.range;
      node = item;
    } else {
      break;
    }
  }
  if (!range) return span(0, 0);
  return span(range[0] ?? 0, range[1] ?? range[0] ?? 0);
}

interface DuplicateKey {
  path: Array<string | number>;
  /** Where the repeated key starts, and where the key was first defined. */
  offset: number;
  firstOffset: number;
}

/** Every key repeated in its map, at any depth, in document order: one set of keys per map. */
function duplicateKeys(node: unknown, path: Array<string | number>): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      if (key !== undefined && start !== undefined) {
        // As the parser compares keys: by value, so 1 and "1" are two keys.
        const identity = `${typeof key}:${String(key)}`;
        const first = seen.get(identity);
        if (first === undefined) seen.set(identity, start);
        else found.push({ path: [...path, String(key)], offset: start, firstOffset: first });
      }
      found.push(...duplicateKeys(pair.value, key === undefined ? path : [...path, String(key)]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => found.push(...duplicateKeys(item, [...path, index])));
  }
  return found;
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
