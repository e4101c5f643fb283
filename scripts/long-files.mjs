// Long files say why (run by `npm run lint` after the cast check). A product file over 300
// lines is one a newcomer cannot hold in mind at once; it may stay long only when its header,
// the comment it opens with, says why in a sentence beginning "Over 300 lines because" (or
// "Over 300 lines on purpose:").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productSourceFiles } from './product-files.mjs';

export const LONG_FILE_FOLDERS = ['shared', 'electron', 'renderer/src'];
export const MOST_LINES = 300;
const REASON = /Over 300 lines (because|on purpose)/;

/** The comment a file opens with, after a #! line and directives ('use strict'), up to its first line of code. */
export function header(lines) {
  const found = [];
  let inBlock = false;
  for (const [index, line] of lines.entries()) {
    const text = line.trim();
    if (inBlock) {
      found.push(line);
      inBlock = !text.includes('*/');
    } else if (text.startsWith('//')) found.push(line);
    else if (text.startsWith('/*')) {
      found.push(line);
      inBlock = !text.includes('*/', 2);
    } else if (text !== '' && !(index === 0 && text.startsWith('#!')) && !/^(['"])use [\w ]+\1;?$/.test(text)) break;
  }
  return found;
}

/** Lines of a text, a final newline not counting as the start of another. */
export function lineCount(text) {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}

/** Each product file over MOST_LINES lines whose header gives no reason, with its length. */
export function longFileProblems(root, folders = LONG_FILE_FOLDERS) {
  return folders
    .flatMap((folder) => productSourceFiles(root, folder))
    .sort()
    .flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const count = lineCount(text);
      if (count <= MOST_LINES || header(text.split('\n')).some((line) => REASON.test(line))) return [];
      return [`${file} has ${count} lines and its header does not say why ("Over 300 lines because …")`];
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = longFileProblems(fileURLToPath(new URL('..', import.meta.url)));
  for (const problem of problems) console.error(`error: ${problem}`);
  if (problems.length > 0) {
    console.error(
      `\n${problems.length} file(s) over ${MOST_LINES} lines: split out a part with one purpose, or say in the header why the file is one piece. See CONTRIBUTING.md.`,
    );
    process.exit(1);
  }
}
