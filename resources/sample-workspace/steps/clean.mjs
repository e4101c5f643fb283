// Turns staged rows into typed orders. Rejects (with a reason) rows without a customer or a
// price, returns (negative quantities), duplicate order ids, and orders below
// PW_PARAM_MIN_ORDER_VALUE; keeps only PW_PARAM_REGION unless it is "all".
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [source, targetDir] = process.argv.slice(2);
const region = process.env.PW_PARAM_REGION ?? 'all';
const minValue = Number(process.env.PW_PARAM_MIN_ORDER_VALUE ?? '0');

const staged = readFileSync(source, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const seen = new Set();
const orders = [];
const rejected = [];

for (const row of staged) {
  const quantity = Number(row.quantity);
  const unitPrice = row.unit_price === '' ? Number.NaN : Number(row.unit_price);
  const reason = !row.customer_id ? 'missing customer'
    : Number.isNaN(unitPrice) ? 'missing price'
    : !(quantity > 0) ? 'return or zero quantity'
    : seen.has(row.order_id) ? 'duplicate order id'
    : null;
  seen.add(row.order_id);
  if (reason) {
    rejected.push({ ...row, reason });
    continue;
  }
  const order = {
    orderId: row.order_id,
    date: row.order_date,
    customerId: row.customer_id,
    region: row.region.trim().toLowerCase(),
    product: row.product,
    quantity,
    amount: Math.round(quantity * unitPrice * 100) / 100,
  };
  if (order.amount >= minValue && (region === 'all' || order.region === region)) orders.push(order);
}

mkdirSync(targetDir, { recursive: true });
writeFileSync(join(targetDir, 'orders.jsonl'), orders.map((o) => JSON.stringify(o)).join('\n') + '\n');
writeFileSync(join(targetDir, 'rejected.jsonl'), rejected.map((r) => JSON.stringify(r)).join('\n') + '\n');
console.log(`kept ${orders.length} orders, rejected ${rejected.length}`);
