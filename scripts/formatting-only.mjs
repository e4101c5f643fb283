// Does a commit change formatting only? Each code file it touches is compiled (types stripped,
// JSX to calls) and printed minified, before and after: formatting-only means the same code.
// Prettier's two spellings that stay the same program are read as one: a quoted key that needs
// no quotes, and JSX text split around {' '}. Style sheets compare without whitespace.
// Usage: node scripts/formatting-only.mjs REV   (exit 1 when some file's code changed)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { minifySync, transformSync } from 'rolldown/experimental';

const CODE = /\.(ts|tsx|mts|mjs|js)$/;

function compiled(file, text) {
  const typed = /\.(ts|tsx|mts)$/.test(file);
  const js = typed
    ? transformSync(file, text, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts', jsx: { runtime: 'automatic' } }).code
    : text;
  const printed = minifySync('file.js', js, { compress: false, mangle: false });
  if (printed.errors.length > 0) throw new Error(`${file}: ${printed.errors[0]?.message ?? 'cannot be read'}`);
  let code = printed.code.replace(/([{,])"([A-Za-z_$][\w$]*)":/g, '$1$2:');
  for (let before = ''; before !== code;) {
    before = code;
    code = code.replace(/`([^`$\\]*)`,`([^`$\\]*)`/g, '`$1$2`');
  }
  return code;
}

const sheet = (text) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};:,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replaceAll("'", '"')
    .trim();

/** The files of commit `rev` whose code (or style sheet) changed, and those neither code nor style. */
export function codeChanges(root, rev) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const changed = [];
  const unchecked = [];
  for (const file of git('diff', '--name-only', '--diff-filter=M', `${rev}^`, rev).split('\n').filter(Boolean)) {
    const [before, after] = [git('show', `${rev}^:${file}`), git('show', `${rev}:${file}`)];
    if (CODE.test(file)) {
      if (compiled(file, before) !== compiled(file, after)) changed.push(file);
    } else if (file.endsWith('.css')) {
      if (sheet(before) !== sheet(after)) changed.push(file);
    } else unchecked.push(file);
  }
  const other = git('diff', '--name-only', '--diff-filter=ADRT', `${rev}^`, rev).split('\n').filter(Boolean);
  return { changed: [...changed, ...other], unchecked };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rev = process.argv[2];
  if (!rev) {
    console.error('usage: node scripts/formatting-only.mjs REV');
    process.exit(2);
  }
  const { changed, unchecked } = codeChanges(process.cwd(), rev);
  for (const file of unchecked) console.log(`not compared (neither code nor a style sheet): ${file}`);
  for (const file of changed) console.log(`code changed: ${file}`);
  console.log(
    changed.length === 0 ? `${rev} changes formatting only` : `${rev} changes code in ${changed.length} file(s)`,
  );
  process.exitCode = changed.length === 0 ? 0 : 1;
}
