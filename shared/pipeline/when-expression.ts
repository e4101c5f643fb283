// The `when:` language of a step: a small expression over the pipeline's params, read by its
// own tokenizer and parser into a tree that is interpreted (when-evaluate.ts), never run as
// code. Grammar, loosest first:
//   expression := and ("or" and)*
//   and        := not ("and" not)*
//   not        := "not" not | comparison
//   comparison := operand (("==" | "!=" | "<" | "<=" | ">" | ">=") operand | ["not"] "in" list)?
//   operand    := "params." NAME | STRING | NUMBER | "true" | "false" | "(" expression ")"
//   list       := "[" [literal ("," literal)*] "]"

export type Literal = string | number | boolean;
export const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];
const COMPARISON_SYMBOLS: ReadonlySet<string> = new Set(COMPARISONS);
const isComparison = (symbol: string): symbol is Comparison => COMPARISON_SYMBOLS.has(symbol);

/** Where a node or an error is in the expression text: character offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type WhenNode =
  | ({ kind: 'literal'; value: Literal } & Span)
  | ({ kind: 'param'; name: string } & Span)
  | ({ kind: 'not'; operand: WhenNode } & Span)
  | ({ kind: 'logic'; op: 'and' | 'or'; left: WhenNode; right: WhenNode } & Span)
  | ({ kind: 'compare'; op: Comparison; left: WhenNode; right: WhenNode } & Span)
  | ({ kind: 'in'; negated: boolean; left: WhenNode; list: Array<{ value: Literal } & Span> } & Span);

export class WhenSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

type Token =
  | ({ type: 'word'; text: string } & Span)
  | ({ type: 'string'; value: string } & Span)
  | ({ type: 'number'; value: number } & Span)
  | ({ type: 'symbol'; text: string } & Span)
  | ({ type: 'end' } & Span);

const SYMBOLS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', ',', '.'];
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      const { value, end } = readString(text, at);
      tokens.push({ type: 'string', value, start: at, end });
      at = end;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = /[-\d.]/.test(char) ? NUMBER.exec(text) : null;
    if (number && !(char === '.' && tokens.at(-1)?.type === 'word')) {
      tokens.push({ type: 'number', value: Number(number[0]), start: at, end: at + number[0].length });
      at += number[0].length;
      continue;
    }
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    if (word) {
      tokens.push({ type: 'word', text: word[0], start: at, end: at + word[0].length });
      at += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
    if (!symbol) {
      const hint =
        char === '=' ? ' (compare with ==)' : char === '&' || char === '|' || char === '!' ? ' (use and, or, not)' : '';
      throw new WhenSyntaxError(`unexpected "${char}"${hint}`, { start: at, end: at + 1 });
    }
    tokens.push({ type: 'symbol', text: symbol, start: at, end: at + symbol.length });
    at += symbol.length;
  }
  tokens.push({ type: 'end', start: text.length, end: text.length });
  return tokens;
}

/** A quoted string with \\ escapes for the quote and the backslash. */
function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let at = start + 1; at < text.length; at += 1) {
    const char = text.charAt(at);
    if (char === quote) return { value, end: at + 1 };
    if (char === '\\' && at + 1 < text.length) {
      at += 1;
      value += text[at];
    } else {
      value += char;
    }
  }
  throw new WhenSyntaxError('this string is not closed', { start, end: text.length });
}

export function parseWhen(text: string): WhenNode {
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new WhenSyntaxError('the condition is empty', { start: 0, end: text.length });
  let index = 0;
  // tokenize ends every list with an end token; reading past it reads the end again.
  const endToken: Token = { type: 'end', start: text.length, end: text.length };
  const peek = (): Token => tokens[index] ?? endToken;
  const next = (): Token => tokens[index++] ?? endToken;
  const isWord = (token: Token, word: string) => token.type === 'word' && token.text === word;
  const isSymbol = (token: Token, symbol: string) => token.type === 'symbol' && token.text === symbol;
  const describe = (token: Token) =>
    token.type === 'end' ? 'the end of the condition' : `"${text.slice(token.start, token.end)}"`;
  const expect = (symbol: string, what: string): Token => {
    const token = next();
    if (!isSymbol(token, symbol)) throw new WhenSyntaxError(`expected ${what}, found ${describe(token)}`, token);
    return token;
  };

  const expression = (): WhenNode => {
    let left = conjunction();
    while (isWord(peek(), 'or')) {
      next();
      const right = conjunction();
      left = { kind: 'logic', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const conjunction = (): WhenNode => {
    let left = negation();
    while (isWord(peek(), 'and')) {
      next();
      const right = negation();
      left = { kind: 'logic', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const negation = (): WhenNode => {
    if (!isWord(peek(), 'not')) return comparison();
    const start = next().start;
    const operand = negation();
    return { kind: 'not', operand, start, end: operand.end };
  };
  const comparison = (): WhenNode => {
    const left = operand();
    const token = peek();
    if (token.type === 'symbol' && isComparison(token.text)) {
      next();
      const right = operand();
      return { kind: 'compare', op: token.text, left, right, start: left.start, end: right.end };
    }
    const negated = isWord(token, 'not') && isWord(tokens[index + 1] ?? endToken, 'in');
    if (negated || isWord(token, 'in')) {
      index += negated ? 2 : 1;
      const { items, end } = list();
      return { kind: 'in', negated, left, list: items, start: left.start, end };
    }
    return left;
  };
  const operand = (): WhenNode => {
    const token = next();
    if (isSymbol(token, '(')) {
      const inner = expression();
      const close = expect(')', '")"');
      return { ...inner, start: token.start, end: close.end };
    }
    if (token.type === 'word' && token.text === 'params') {
      expect('.', '"." and a param name after "params"');
      const name = next();
      if (name.type !== 'word')
        throw new WhenSyntaxError(`expected a param name after "params.", found ${describe(name)}`, name);
      return { kind: 'param', name: name.text, start: token.start, end: name.end };
    }
    const value = literalOf(token);
    if (value !== undefined) return { kind: 'literal', value, start: token.start, end: token.end };
    if (token.type === 'word' && !['and', 'or', 'not', 'in'].includes(token.text)) {
      throw new WhenSyntaxError(
        `unknown name "${token.text}": params are written params.${token.text}; text is quoted ('${token.text}')`,
        token,
      );
    }
    throw new WhenSyntaxError(`expected a param, a value or "(", found ${describe(token)}`, token);
  };
  const list = (): { items: Array<{ value: Literal } & Span>; end: number } => {
    expect('[', 'a list in [ ]');
    const items: Array<{ value: Literal } & Span> = [];
    if (isSymbol(peek(), ']')) return { items, end: next().end };
    for (;;) {
      const token = next();
      const value = literalOf(token);
      if (value === undefined)
        throw new WhenSyntaxError(`a list holds values (text, numbers, true, false), found ${describe(token)}`, token);
      items.push({ value, start: token.start, end: token.end });
      const separator = next();
      if (isSymbol(separator, ']')) return { items, end: separator.end };
      if (!isSymbol(separator, ','))
        throw new WhenSyntaxError(`expected "," or "]", found ${describe(separator)}`, separator);
    }
  };

  const tree = expression();
  const rest = peek();
  if (rest.type !== 'end')
    throw new WhenSyntaxError(`expected and, or or the end of the condition, found ${describe(rest)}`, rest);
  return tree;
}

function literalOf(token: Token): Literal | undefined {
  if (token.type === 'string' || token.type === 'number') return token.value;
  if (token.type === 'word' && (token.text === 'true' || token.text === 'false')) return token.text === 'true';
  return undefined;
}
