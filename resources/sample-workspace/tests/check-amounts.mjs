// Fails when any clean order has a missing, zero or negative amount.
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const bad = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  .filter((order) => !(order.amount > 0));
for (const order of bad.slice(0, 10)) console.error(`order ${order.orderId}: amount ${order.amount}`);
console.log(`${bad.length} order(s) with a bad amount`);
process.exit(bad.length === 0 ? 0 : 1);
