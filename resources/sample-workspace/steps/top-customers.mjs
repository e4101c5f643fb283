// The PW_PARAM_TOP_N customers by revenue, as CSV.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [source, target] = process.argv.slice(2);
const topN = Number(process.env.PW_PARAM_TOP_N ?? '5');
const byCustomer = new Map();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  if (!line) continue;
  const { customerId, amount } = JSON.parse(line);
  byCustomer.set(customerId, (byCustomer.get(customerId) ?? 0) + amount);
}

const ranked = [...byCustomer.entries()].sort((a, b) => b[1] - a[1]).slice(0, topN);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, ['rank,customer_id,revenue', ...ranked.map(([id, revenue], i) => `${i + 1},${id},${revenue.toFixed(2)}`)].join('\n') + '\n');
console.log(`top ${ranked.length} of ${byCustomer.size} customers`);
