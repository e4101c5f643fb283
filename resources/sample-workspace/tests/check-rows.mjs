// Fails when a JSON-lines file has fewer rows than required: node check-rows.mjs FILE MIN
import { readFileSync } from 'node:fs';

const [file, min] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
console.log(`${file}: ${rows} rows (need at least ${min})`);
process.exit(rows >= Number(min) ? 0 : 1);
