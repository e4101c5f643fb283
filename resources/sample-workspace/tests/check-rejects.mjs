// Fails when more than MAX_SHARE of the staged rows were rejected:
// node check-rejects.mjs REJECTED_FILE STAGED_FILE MAX_SHARE
import { readFileSync } from 'node:fs';

const [rejectedFile, stagedFile, maxShare] = process.argv.slice(2);
const count = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
const share = count(rejectedFile) / Math.max(1, count(stagedFile));
console.log(`${(share * 100).toFixed(1)}% of staged orders rejected (limit ${(Number(maxShare) * 100).toFixed(0)}%)`);
process.exit(share <= Number(maxShare) ? 0 : 1);
