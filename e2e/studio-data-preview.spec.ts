// A look at the data in the studio: the sample workspace runs, then previews open from a step's
// node, from an edge and from the step panel, with numbers checked against the files on disk;
// a file changed after the run says so; Markdown renders without running the script in it; a
// folder output lists its files and an SVG among them shows as a picture. Screenshots in both
// themes.
import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';

const SAMPLE = fileURLToPath(new URL('../resources/sample-workspace/', import.meta.url));

test.use({ settings: readFileSync(`${SAMPLE}pipewright.yaml`, 'utf8') });

/** The data rows of a CSV file and one column's values. */
function csv(root: string, path: string): { rows: string[][]; column(name: string): string[] } {
  const [header, ...lines] = readFileSync(`${root}/${path}`, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',');
  const rows = lines.map((line) => line.split(','));
  return { rows, column: (name) => rows.map((row) => row[names.indexOf(name)] ?? '') };
}

/** Clicks a point on an edge's line that nothing covers (a box's centre may lie off a curve). */
async function clickEdge(page: Page, id: string): Promise<void> {
  const point = await page.getByTestId(`rf__edge-${id}`).evaluate((edge: SVGGElement) => {
    const path = edge.querySelector('path.react-flow__edge-interaction') as SVGPathElement;
    const matrix = path.getScreenCTM();
    if (matrix === null) throw new Error('the edge is not on screen');
    for (let share = 0.5; share > 0.05; share -= 0.05) {
      const at = path.getPointAtLength(path.getTotalLength() * share).matrixTransform(matrix);
      if (document.elementFromPoint(at.x, at.y)?.closest('.react-flow__edge') === edge) return { x: at.x, y: at.y };
    }
    throw new Error('no point of the edge is free to click');
  });
  await page.mouse.click(point.x, point.y);
}

async function openSales(page: Page, root: string): Promise<void> {
  cpSync(SAMPLE, root, { recursive: true, filter: (source) => !source.endsWith('pipewright.yaml') });
  await page.reload();
  await page.getByTestId('pipeline-item-sales').click();
  await expect(stepNode(page, 'report')).toBeVisible();
  await runPipeline(page);
  await expect(stepNode(page, 'report')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
}

test('previews open from a node, an edge and the step panel, with the numbers of the files', async ({
  studio: page,
  workspace,
}) => {
  await openSales(page, workspace.root);

  // From the node: the step's outputs, the first one shown, checked against the run.
  await page.getByTestId('node-preview-revenue_by_region').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-path', 'data/marts/revenue_by_region.csv');
  const marts = csv(workspace.root, 'data/marts/revenue_by_region.csv');
  await expect(preview.getByTestId('preview-row-count')).toHaveText(String(marts.rows.length));
  await expect(preview.getByTestId('preview-run-state')).toHaveAttribute('data-state', 'current');
  const orders = marts.column('orders').map(Number);
  const ordersRow = preview.getByTestId('preview-column-orders');
  await expect(ordersRow.getByTestId('profile-nulls')).toHaveText('0');
  await expect(ordersRow.getByTestId('profile-min')).toHaveText(String(Math.min(...orders)));
  await expect(ordersRow.getByTestId('profile-max')).toHaveText(String(Math.max(...orders)));
  await expect(ordersRow.getByTestId('profile-distinct')).toHaveText(String(new Set(orders).size));
  await expect(preview.getByTestId('preview-histogram-orders')).toBeVisible();
  await expect(preview.getByTestId('preview-rows').locator('tbody tr')).toHaveCount(Math.min(20, marts.rows.length));
  await page.screenshot({ path: `${SCREENSHOTS}data-preview-table-light.png` });
  await page.getByTestId('preview-close').click();
  await expect(preview).toHaveCount(0);

  // From an edge: the file it carries, from the step that writes it.
  await clickEdge(page, 'clean->top_customers');
  await expect(preview).toHaveAttribute('data-path', 'data/clean/orders.jsonl');
  const cleanRows = readFileSync(`${workspace.root}/data/clean/orders.jsonl`, 'utf8').trim().split('\n').length;
  await expect(preview.getByTestId('preview-row-count')).toHaveText(cleanRows.toLocaleString('en-US'));
  await expect(preview.getByTestId('preview-run-state')).toHaveAttribute('data-state', 'current');
  await expect(preview.getByTestId('preview-column-region').getByTestId('profile-distinct')).toHaveText('4');
  await page.keyboard.press('Escape');

  // From the step panel: the Markdown report renders as text, its table as a table.
  workspace.write('data/marts/top_customers.csv', 'rank,customer_id,revenue\n1,C0001,10\n');
  await stepNode(page, 'report').click();
  await page.getByTestId('step-preview-output-0').click();
  await expect(preview).toHaveAttribute('data-path', 'reports/sales.md');
  await expect(preview.getByTestId('preview-markdown').locator('h1')).toHaveText('Sales report');
  await expect(preview.getByTestId('preview-markdown').locator('table')).toBeVisible();
  await page.getByTestId('preview-close').click();

  // An input changed since the run says so, and shows what is there now.
  await page.getByTestId('step-preview-input-1').click();
  await expect(preview).toHaveAttribute('data-path', 'data/marts/top_customers.csv');
  await expect(preview.getByTestId('preview-run-state')).toHaveAttribute('data-state', 'changed');
  await expect(preview.getByTestId('preview-run-state')).toContainText('changed since run');
  await expect(preview.getByTestId('preview-row-count')).toHaveText('1');
  await page.getByTestId('preview-close').click();

  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('node-preview-revenue_by_region').click();
  await expect(preview.getByTestId('preview-row-count')).toHaveText(String(marts.rows.length));
  await page.screenshot({ path: `${SCREENSHOTS}data-preview-table-dark.png` });
  await page.getByTestId('preview-close').click();
  await stepNode(page, 'report').click();
  await page.getByTestId('step-preview-output-0').click();
  await expect(preview.getByTestId('preview-markdown').locator('h1')).toHaveText('Sales report');
  await page.screenshot({ path: `${SCREENSHOTS}data-preview-markdown-dark.png` });
});

test('a folder output lists its files; an SVG with a script shows as a picture that runs nothing', async ({
  studio: page,
  workspace,
}) => {
  workspace.write(
    'pipelines/charts.pipeline.yaml',
    `version: 1
name: charts
steps:
  draw:
    run: mkdir -p charts && printf '%s' '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><script>window.pwned = 1</script><rect width="120" height="60" fill="#4f5bd5"/></svg>' > charts/bars.svg && printf '# Charts\\n\\n<script>window.pwned = 2</script>\\n' > charts/notes.md
    outputs: [charts]
`,
  );
  await page.reload();
  await page.getByTestId('pipeline-item-charts').click();
  await runPipeline(page);
  await expect(stepNode(page, 'draw')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('node-preview-draw').click();
  const preview = page.getByTestId('preview');
  await expect(preview.getByTestId('preview-folder')).toContainText('charts/bars.svg');
  await preview.getByTestId('preview-folder-file-charts/bars.svg').click();
  const image = preview.getByTestId('preview-image');
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(120);
  await page.screenshot({ path: `${SCREENSHOTS}data-preview-image-light.png` });
  await preview.getByTestId('preview-tab-charts').click();
  await preview.getByTestId('preview-folder-file-charts/notes.md').click();
  await expect(preview.getByTestId('preview-markdown')).toContainText('<script>window.pwned = 2</script>');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  await page.getByTestId('preview-close').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('node-preview-draw').click();
  await preview.getByTestId('preview-folder-file-charts/bars.svg').click();
  await expect(preview.getByTestId('preview-image')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}data-preview-image-dark.png` });
});
