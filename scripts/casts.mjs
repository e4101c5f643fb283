// Casts say why (run by `npm run lint` after the dependency-cycle check). Data is parsed where it
// enters (zod for requests, files and YAML documents, the store's row mappers), so product code
// needs a type assertion only where the compiler cannot follow: every `x as T` and `<T>x` in
// product code carries a comment on its own line or the line before, saying why (the
// convention is `// cast: …`, but any comment there counts). `as const` is not a cast, and
// `as unknown as T` is one cast. Tests and benchmarks may cast freely. `node scripts/casts.mjs
// --list` shows every cast.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { productSourceFiles } from './product-files.mjs';

export const CAST_FOLDERS = ['shared', 'electron', 'renderer/src'];

const isConst = (type) =>
  ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';
const isAssertion = (node) => ts.isAsExpression(node) || ts.isTypeAssertionExpression(node);

/** Lines (0-based) on which a comment starts or ends. */
function commentLines(source) {
  const lines = new Set();
  // Comments are trivia around tokens: asking every token (JSX braces included) for the
  // comments before and after it finds them all, and never mistakes `//` in a string for one.
  const visit = (node) => {
    const ranges = [
      ...(ts.getLeadingCommentRanges(source.text, node.pos) ?? []),
      ...(ts.getTrailingCommentRanges(source.text, node.end) ?? []),
    ];
    for (const range of ranges) {
      lines.add(source.getLineAndCharacterOfPosition(range.pos).line);
      lines.add(source.getLineAndCharacterOfPosition(range.end).line);
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return lines;
}

/** Every cast in one file's text: its 1-based line, its text, and whether a comment says why. */
export function castsIn(fileName, text) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const comments = commentLines(source);
  const casts = [];
  const visit = (node) => {
    if (isAssertion(node) && !isConst(node.type) && !(node.parent && isAssertion(node.parent))) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const keyword = source.getLineAndCharacterOfPosition(node.type.getStart(source)).line;
      const explained = [start - 1, start, keyword - 1, keyword].some((line) => comments.has(line));
      const shown = node.getText(source).replace(/\s+/g, ' ');
      casts.push({ line: keyword + 1, text: shown.length > 100 ? `…${shown.slice(-99)}` : shown, explained });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return casts;
}

/** Every cast in product code, by workspace-relative file. */
export function productCasts(root, folders = CAST_FOLDERS) {
  return folders
    .flatMap((folder) => productSourceFiles(root, folder))
    .flatMap((file) => castsIn(file, readFileSync(join(root, file), 'utf8')).map((cast) => ({ file, ...cast })));
}

/** Problems with the casts of product code: each file with a cast that no comment explains, naming its lines. */
export function castProblems(root, folders = CAST_FOLDERS) {
  const bare = new Map();
  for (const cast of productCasts(root, folders).filter((one) => !one.explained))
    bare.set(cast.file, [...(bare.get(cast.file) ?? []), cast]);
  return [...bare.keys()].sort().map((file) => {
    const casts = bare.get(file) ?? [];
    const listed = casts.map((cast) => `\n    ${file}:${cast.line}: ${cast.text}`).join('');
    return `${file} casts ${casts.length} time(s) without saying why:${listed}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (process.argv.includes('--list')) {
    const casts = productCasts(root);
    for (const cast of casts)
      console.log(`${cast.file}:${cast.line}${cast.explained ? '' : ' (no why)'}  ${cast.text}`);
    console.log(`${casts.length} cast(s), ${casts.filter((cast) => !cast.explained).length} without a why-comment`);
    process.exit(0);
  }
  const problems = castProblems(root);
  for (const problem of problems) console.error(`error: ${problem}`);
  if (problems.length > 0) {
    console.error(
      `\n${problems.length} file(s) with casts to look at: parse the value where it enters (zod, the store's typed rows), narrow it (a type guard; present() for what the code's own bookkeeping guarantees), or say why on the line before (// cast: …). See CONTRIBUTING.md.`,
    );
    process.exit(1);
  }
}
