// Reads the raw CSV export and writes one JSON object per line. Keeps a deterministic sample
// of the orders (PW_PARAM_SAMPLE_FRACTION) chosen by order id, so reruns see the same rows.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [source, target] = process.argv.slice(2);
const fraction = Number(process.env.PW_PARAM_SAMPLE_FRACTION ?? '1');

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') { cell += '"'; i += 1; }
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) { cells.push(cell); cell = ''; }
    else cell += char;
  }
  cells.push(cell);
  return cells;
}

const inSample = (id) => createHash('sha1').update(id).digest().readUInt32BE(0) / 2 ** 32 < fraction;

const [header, ...lines] = readFileSync(source, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
const columns = parseCsvLine(header);
const rows = lines
  .map((line) => Object.fromEntries(parseCsvLine(line).map((value, index) => [columns[index], value])))
  .filter((row) => inSample(row.order_id));

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(`ingested ${rows.length} of ${lines.length} orders (sample fraction ${fraction})`);
