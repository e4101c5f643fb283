// Writes the Markdown report and the run's headline numbers (tracked across runs as metrics).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [martsDir, reportFile, metricsFile] = process.argv.slice(2);
const readCsv = (file) => {
  const [header, ...rows] = readFileSync(join(martsDir, file), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [columns[i], value])));
};

const regions = readCsv('revenue_by_region.csv');
const customers = readCsv('top_customers.csv');
const revenue = regions.reduce((sum, row) => sum + Number(row.revenue), 0);
const orders = regions.reduce((sum, row) => sum + Number(row.orders), 0);

const report = [
  '# Sales report',
  '',
  `Region: ${process.env.PW_PARAM_REGION ?? 'all'} · run ${process.env.PW_RUN_ID ?? '(manual)'}`,
  '',
  `**${orders} orders, ${revenue.toFixed(2)} revenue.**`,
  '',
  '| region | month | orders | revenue |',
  '| --- | --- | ---: | ---: |',
  ...regions.map((row) => `| ${row.region} | ${row.month} | ${row.orders} | ${row.revenue} |`),
  '',
  '## Top customers',
  '',
  ...customers.map((row) => `${row.rank}. ${row.customer_id}: ${row.revenue}`),
  '',
].join('\n');

mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, report);
mkdirSync(dirname(metricsFile), { recursive: true });
writeFileSync(metricsFile, JSON.stringify({ orders, revenue: Math.round(revenue * 100) / 100, regions: new Set(regions.map((r) => r.region)).size }, null, 2) + '\n');
console.log(`report written: ${orders} orders, ${revenue.toFixed(2)} revenue`);
