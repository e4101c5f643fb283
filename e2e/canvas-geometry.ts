// What the canvas specs measure on the page: a grid pipeline to open, the canvas's zoom, a step
// id's size on screen, and which steps lie under the minimap.
import type { Page } from '@playwright/test';

/** The smallest text the canvas promises to keep readable after fit view (level-of-detail.ts). */
export const READABLE_PX = 9;

/** A grid of steps laid out in columns, each step needing the one before it in its row. */
export function gridPipeline(
  name: string,
  columns: number,
  rows: number,
  run: (id: string) => string = (id) => `echo ${id}`,
): { yaml: string; layout: string } {
  const lines = ['version: 1', `name: ${name}`, 'steps:'];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let column = 0; column < columns; column += 1) {
    for (let row = 0; row < rows; row += 1) {
      const id = `s${column}_${row}`;
      lines.push(`  ${id}:`, `    run: ${run(id)}`);
      if (column > 0) lines.push(`    needs: [s${column - 1}_${row}]`);
      positions[id] = { x: column * 300, y: row * 100 };
    }
  }
  return { yaml: `${lines.join('\n')}\n`, layout: JSON.stringify({ version: 1, positions }) };
}

export const zoomOf = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport') as HTMLElement).transform)
        .a,
  );

/** The on-screen size of a step's id: its computed font size times the canvas zoom. */
export async function idScreenPx(page: Page, stepId: string): Promise<number> {
  const fontPx = await page
    .getByTestId(`node-label-${stepId}`)
    .evaluate((label) => parseFloat(getComputedStyle(label).fontSize));
  return fontPx * (await zoomOf(page));
}

export type Box = { x: number; y: number; width: number; height: number };
export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The steps drawn under the minimap (none when it is hidden), from their bounding boxes. */
export function stepsUnderMinimap(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const minimap = document.querySelector('.react-flow__minimap')?.getBoundingClientRect();
    if (!minimap) return [];
    return [...document.querySelectorAll('[data-testid^="step-node-"]')]
      .filter((node) => {
        const box = node.getBoundingClientRect();
        return (
          box.left < minimap.right && minimap.left < box.right && box.top < minimap.bottom && minimap.top < box.bottom
        );
      })
      .map((node) => node.getAttribute('data-testid') ?? '');
  });
}
