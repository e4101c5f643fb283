// A large pipeline on the canvas: zoomed out to every step, it is drawn as the overview (one
// picture, not a node per step); a click there selects the step under it; zooming in brings back
// the steps' nodes, and fit view returns to readable nodes (it never zooms out to the overview).
import { expect, stepNode, test } from './studio-fixture.js';

const COLUMNS = 20;
const ROWS = 15;

function largePipeline(): { yaml: string; layout: string } {
  const lines = ['version: 1', 'name: large', 'steps:'];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let column = 0; column < COLUMNS; column += 1) {
    for (let row = 0; row < ROWS; row += 1) {
      const id = `s${column}_${row}`;
      lines.push(`  ${id}:`, `    run: echo ${id}`);
      if (column > 0) lines.push(`    needs: [s${column - 1}_${row}]`);
      positions[id] = { x: column * 300, y: row * 100 };
    }
  }
  return { yaml: `${lines.join('\n')}\n`, layout: JSON.stringify({ version: 1, positions }) };
}

test('a large pipeline zoomed out is an overview of every step, selects by click, and shows nodes when zoomed in', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(120_000);
  const { yaml, layout } = largePipeline();
  workspace.write('pipelines/large.pipeline.yaml', yaml);
  workspace.write('pipelines/large.layout.json', layout);
  await page.getByTestId('pipeline-item-large').click();
  await expect(stepNode(page, 's10_7')).toHaveAttribute('data-detail', 'simple');

  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  const drawn = () =>
    page.evaluate(() => document.querySelector('[data-testid="canvas-overview"]')?.getAttribute('data-drawn') ?? null);
  for (let wheel = 0; wheel < 20 && (await drawn()) !== String(COLUMNS * ROWS); wheel += 1) {
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(200);
  }
  const overview = page.getByTestId('canvas-overview');
  await expect(overview).toHaveAttribute('data-drawn', String(COLUMNS * ROWS));
  await expect(overview).toHaveAttribute('aria-label', `Overview of ${COLUMNS * ROWS} steps; zoom in to edit them`);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // The screen point of a step's middle, from the canvas's pan and zoom.
  const middleOf = (x: number, y: number) =>
    page.evaluate(
      ({ x: flowX, y: flowY }) => {
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
        const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
        const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
        return { x: pane.x + matrix.e + (flowX + 115) * matrix.a, y: pane.y + matrix.f + (flowY + 34) * matrix.d };
      },
      { x, y },
    );
  const target = await middleOf(5 * 300, 7 * 100);
  await page.mouse.click(target.x, target.y);
  await expect(page.getByTestId('step-id-input')).toHaveValue('s5_7');

  await page.mouse.move(target.x, target.y);
  for (let wheel = 0; wheel < 12 && (await page.locator('.react-flow__node').count()) === 0; wheel += 1)
    await page.mouse.wheel(0, -240);
  await expect(stepNode(page, 's5_7')).toBeVisible();
  await expect(stepNode(page, 's5_7').locator('..')).toHaveClass(/selected/);
  await expect(overview).toHaveCount(0);

  await page.getByTestId('fit-button').click();
  await expect(stepNode(page, 's10_7')).toHaveAttribute('data-detail', 'simple');
  await expect(page.getByTestId('canvas-overview')).toHaveCount(0);
});
