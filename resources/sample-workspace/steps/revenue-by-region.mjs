// Revenue and order count per region and month, as CSV.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [source, target] = process.argv.slice(2);
const totals = new Map();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  if (!line) continue;
  const order = JSON.parse(line);
  const key = `${order.region},${order.date.slice(0, 7)}`;
  const total = totals.get(key) ?? { orders: 0, revenue: 0 };
  total.orders += 1;
  total.revenue += order.amount;
  totals.set(key, total);
}

const lines = [...totals.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([key, total]) => `${key},${total.orders},${total.revenue.toFixed(2)}`);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, ['region,month,orders,revenue', ...lines].join('\n') + '\n');
console.log(`${lines.length} region-months`);
