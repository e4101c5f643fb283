// Drawing an edge right after the canvas changed. Each edit, selection, validation answer or run
// event hands React Flow the steps' nodes again; a node handed over without its measurements
// forgot where its handles are until measured again, and an edge drawn in that frame was
// dropped (a clean-clone CI run saved a pipeline without the `needs` just drawn).
import { expect, stepNode, test } from './studio-fixture.js';

const PAIRS = 4;

test('an edge drawn in the same frame as a selection change, or the frame after, is kept', async ({
  studio: page,
  workspace,
}) => {
  const steps = Array.from({ length: PAIRS }, (_, i) => `  a${i}:\n    run: echo a\n  b${i}:\n    run: echo b\n`);
  workspace.write('pipelines/edges.pipeline.yaml', `version: 1\nname: edges\nsteps:\n${steps.join('')}`);
  const positions = Array.from({ length: PAIRS }, (_, i) => [
    [`a${i}`, { x: 0, y: i * 110 }],
    [`b${i}`, { x: 380, y: i * 110 }],
  ]).flat();
  workspace.write(
    'pipelines/edges.layout.json',
    JSON.stringify({ version: 1, positions: Object.fromEntries(positions) }),
  );
  await page.getByTestId('pipeline-item-edges').click();
  await expect(stepNode(page, `b${PAIRS - 1}`)).toHaveAttribute('data-detail', 'detailed');

  // Synthetic mouse events, so the drag lands at a known moment after the selection changed.
  const drawn = await page.evaluate(async (pairs) => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const settle = () => new Promise((done) => setTimeout(done, 300));
    const waits = [async () => {}, frame, async () => (await frame(), frame()), settle];
    const centre = (element: Element) => {
      const box = element.getBoundingClientRect();
      return { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, button: 0 };
    };
    const counts: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const from = document.querySelector(`[data-testid="handle-out-a${i}"]`);
      const to = document.querySelector(`[data-testid="handle-in-b${i}"]`);
      const other = document.querySelector<HTMLElement>(`[data-testid="step-node-${i % 2 ? 'a0' : 'b0'}"]`);
      if (!from || !to || !other) throw new Error(`pair ${i} is not on screen`);
      other.click();
      await waits[i]?.();
      const [start, end] = [centre(from), centre(to)];
      from.dispatchEvent(new MouseEvent('mousedown', start));
      for (let step = 1; step <= 4; step++)
        document.dispatchEvent(
          new MouseEvent('mousemove', {
            ...start,
            clientX: start.clientX + ((end.clientX - start.clientX) * step) / 4,
            clientY: start.clientY + ((end.clientY - start.clientY) * step) / 4,
          }),
        );
      document.dispatchEvent(new MouseEvent('mouseup', end));
      await settle();
      counts.push(document.querySelectorAll(`[data-testid="rf__edge-a${i}->b${i}"]`).length);
    }
    return counts;
  }, PAIRS);
  expect(drawn).toEqual(Array.from({ length: PAIRS }, () => 1));

  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  const saved = workspace.pipeline('edges');
  for (let i = 0; i < PAIRS; i++) expect(saved.steps[`b${i}`].needs).toEqual([`a${i}`]);
});
