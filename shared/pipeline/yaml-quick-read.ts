// The plain data of a YAML file, read by js-yaml: about ten times faster than the `yaml`
// package's document (10,000 steps: 40 against 510 ms), which keeps every node's source range.
// Most files parse without a problem, and then only the data is needed; the document is built
// only to point at a problem (yaml-source.ts). So this answers only when its data is surely the
// data `yaml` would give, and null otherwise, and the caller reads the file with `yaml`:
// - the scalars resolve by the YAML 1.2 core schema, as `yaml` resolves them (js-yaml's own core
//   schema also reads 0b101, -0x1 and +0o7 as numbers, and not -.5);
// - no directive (`%YAML 1.1` switches `yaml` to the 1.1 schema), no tag, anchor or alias (`yaml`
//   limits aliases' expansion; an anchor's name may hold a colon), no repeated key, no syntax
//   error: js-yaml throws, or it is seen;
// - where js-yaml forgives what `yaml` refuses, it is not asked: a flow collection, quoted or
//   plain scalar over several lines (their indentation), a tab in an indentation, a # right after
//   a closing bracket or quote, a map nested on its key's line, a list item less indented than
//   the first, a carriage return alone, a byte order mark past the start;
// - no key that was not a string (nor an explicit `? key`): JavaScript keeps only its text, and
//   the two write a null key or a list as a key differently.
// Each rule was found by the property test beside, which edits pipeline files at random.
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';
import type { State } from 'js-yaml';

/** The YAML 1.2 core schema's tags, with the patterns and conversions `yaml` resolves a plain scalar by. */
const CORE_SCALARS = [
  new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
  }),
  new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text[0] === 't' || text[0] === 'T',
  }),
  new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
    construct: (text: string) => {
      if (text.startsWith('0o')) return parseInt(text.slice(2), 8);
      if (text.startsWith('0x')) return parseInt(text.slice(2), 16);
      return parseInt(text, 10);
    },
  }),
  new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (text: string) =>
      /^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(
        text,
      ),
    construct: (text: string) => {
      if (/nan$/i.test(text)) return Number.NaN;
      if (/inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
      return parseFloat(text);
    },
  }),
];

/** A plain `<<` key merges the maps given as its value into its own (`yaml`'s `merge: true`): js-yaml merges a key of this tag. */
const MERGE_KEY = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (text: string) => text === '<<' });

/** The failsafe schema's strings, lists and maps, the core scalars, and merge keys. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [...CORE_SCALARS, MERGE_KEY] });

/** A directive line (`%YAML 1.1`). */
const DIRECTIVE = /^%/m;

/** A line break of a carriage return alone, which js-yaml reads otherwise in a flow collection. */
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/** A tab in a line's indentation: `yaml` refuses it where js-yaml lets some pass (before a comment). */
const TAB_INDENT = /^ *\t/m;

/** An explicit key (`? key`), which may be a list or a map: a `?` standing alone at a node's start. */
const EXPLICIT_KEY = /(?:^|[\s,[{])\?(?:[\s]|$)/m;

/** Keys that a null, a list or a map became in js-yaml's hands. */
const NOT_FROM_A_STRING = /^(?:~|[Nn]ull|NULL|\[object Object\])?$|,/;

/** Where the node js-yaml closes now starts (its tag or anchor, if it has one): past the spaces and comments before it. */
function nodeStart(input: string, from: number): number {
  let at = from;
  for (;;) {
    const char = input[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') at += 1;
    else if (char === '#') {
      const end = input.indexOf('\n', at);
      at = end === -1 ? input.length : end;
    } else return at;
  }
}

/** The last character before `at` that is not a space, a tab or a line break. */
function charBefore(input: string, at: number): string | undefined {
  let before = at - 1;
  while (before >= 0 && ' \t\n\r'.includes(input[before] ?? '')) before -= 1;
  return input[before];
}

/** A node js-yaml closed: where it starts and ends, its first character, its kind, and where its parent opened. */
interface ClosedNode {
  input: string;
  start: number;
  end: number;
  first: string | undefined;
  scalar: boolean;
  parentOpen: number | undefined;
}

/** A flow list or map, or a quoted scalar, that js-yaml reads otherwise than `yaml`. */
function flowNodeDiffers({ input, start, end, first, parentOpen }: ClosedNode): boolean {
  const after = input.slice(end, end + 80);
  // js-yaml takes a # right after a closing bracket or quote for a comment; `yaml` wants a space.
  if (after.startsWith('#')) return true;
  if (first === '"' || first === "'") return false;
  // A flow list or map as a key (before a colon, or an entry of a flow map): js-yaml keeps its
  // items' text, `yaml` its YAML.
  if (/^[ \t]*:/.test(after)) return true;
  const before = charBefore(input, start);
  return (before === '{' || before === ',') && parentOpen !== undefined && input[nodeStart(input, parentOpen)] === '{';
}

/** A block list or map that does not start its line (after list dashes): js-yaml also takes one after a key and an anchor (`a: &x b: 1`). */
function blockCollectionDiffers({ input, start }: ClosedNode): boolean {
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  return !/^\ufeff?[ -]*$/.test(input.slice(lineStart, start));
}

/** A block list or map with a line of its own less indented than its first item: js-yaml takes a later `- b` there as an item. */
function underIndented({ input, start, end }: ClosedNode): boolean {
  const column = start - (input.lastIndexOf('\n', start - 1) + 1);
  let lineStart = input.indexOf('\n', start) + 1;
  while (lineStart > 0 && lineStart < end) {
    const lineEnd = input.indexOf('\n', lineStart);
    const line = input.slice(lineStart, Math.min(lineEnd === -1 ? input.length : lineEnd, end));
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.slice(indent).trimEnd();
    // Comments and blank lines may sit anywhere; the line the collection ended on has no content before its end.
    if (content !== '' && !content.startsWith('#') && indent < column) return true;
    lineStart = lineEnd + 1;
  }
  return false;
}

/** A node over several lines, but a block scalar (| or >) or a block collection (its lines are its items'). */
function spansLines({ input, start, end, first, scalar }: ClosedNode): boolean {
  if (first === '|' || first === '>' || (!scalar && first !== '[' && first !== '{')) return false;
  const lineEnd = input.indexOf('\n', start);
  return lineEnd !== -1 && lineEnd < end;
}

/** Watches js-yaml's nodes for what it may read otherwise than `yaml` (see above). */
function nodeWatch(): { listener: (event: 'open' | 'close', state: State) => void; differs: () => boolean } {
  const opened: number[] = [];
  let differs = false;
  const listener = (event: 'open' | 'close', state: State) => {
    if (event === 'open') {
      opened.push(state.position);
      return;
    }
    const { input } = state;
    const start = nodeStart(input, opened.pop() ?? 0);
    const first = input[start];
    const node: ClosedNode = {
      input,
      start,
      end: state.position,
      first,
      scalar: state.kind === 'scalar',
      parentOpen: opened.at(-1),
    };
    const flow = first === '[' || first === '{' || first === '"' || first === "'";
    if (
      first === '*' ||
      first === '&' ||
      first === '!' ||
      (flow && flowNodeDiffers(node)) ||
      (!node.scalar && !flow && (blockCollectionDiffers(node) || underIndented(node))) ||
      spansLines(node)
    )
      differs = true;
  };
  return { listener, differs: () => differs };
}

/** Whether every key of every map in `data` was a string in the file. */
function keysAreStrings(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return true;
  if (Array.isArray(data)) return data.every(keysAreStrings);
  return Object.entries(data).every(([key, value]) => !NOT_FROM_A_STRING.test(key) && keysAreStrings(value));
}

/** The file's data as `yaml` would give it, or null when only `yaml` can say (see above). */
export function quickYamlData(text: string): { data: unknown } | null {
  if (
    DIRECTIVE.test(text) ||
    LONE_CARRIAGE_RETURN.test(text) ||
    // A byte order mark inside the text: `yaml` skips it, js-yaml keeps it in the value.
    text.includes('\ufeff', 1) ||
    TAB_INDENT.test(text) ||
    EXPLICIT_KEY.test(text)
  )
    return null;
  const watch = nodeWatch();
  let data: unknown;
  try {
    data = load(text, { schema: SCHEMA, listener: watch.listener });
  } catch {
    return null;
  }
  if (watch.differs() || !keysAreStrings(data)) return null;
  // An empty file: `yaml` reads a null document.
  return { data: data ?? null };
}
