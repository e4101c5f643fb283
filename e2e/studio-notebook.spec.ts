// Notebook steps in the studio: the Notebook template from the palette makes the step and its
// starter notebook; a run in a Docker environment on the scientific Python image executes it;
// the executed notebook opens read-only with its text, table, picture and a failed cell's
// traceback, and nothing from the notebook's HTML or SVG runs in the studio. Needs Docker and
// the test images (scripts/test-images.mjs): skipped without them, except in CI.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PYTHON_ML_IMAGE, pythonMlMissing } from '../electron/testing/docker-support.js';
import { notebookText } from '../electron/testing/notebook-files.js';
import { clickEmptyCanvas, dropTemplate, expect, runPipeline, SCREENSHOTS, stepNode, test } from './studio-fixture.js';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const SETTINGS = `version: 1
default_environment: ml
environments:
  ml:
    description: Debian's python3 with pandas, matplotlib and nbclient
    runner: docker
    image: ${PYTHON_ML_IMAGE}
`;

const cells = [
  { kind: 'markdown' as const, source: '# Explore\n\nThe orders at a glance:\n- a table\n- a picture\n' },
  { tags: ['parameters'], source: 'rows = 4\ntitle = "Orders"\n' },
  {
    source:
      'import pandas as pd\nframe = pd.DataFrame({"region": ["eu", "us", "apac", "eu"][:rows], "orders": [120, 98, 45, 77][:rows]})\nprint(f"{len(frame)} regions")\nframe\n',
  },
  {
    source:
      'import io\nimport matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt\nfrom IPython.display import Image, display\nfig, ax = plt.subplots(figsize=(4, 2))\nax.bar(frame["region"], frame["orders"])\nax.set_title(title)\nfig.tight_layout()\npicture = io.BytesIO()\nfig.savefig(picture, format="png")\ndisplay(Image(picture.getvalue()))\n',
  },
  // What a hostile notebook could try: script in HTML and in an SVG must never run in the studio.
  {
    source:
      'from IPython.display import HTML, SVG\ndisplay(HTML(\'<table><tr><td>safe cell</td></tr></table><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">\'))\ndisplay(SVG(\'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" onload="window.__pwned = 3"><script>window.__pwned = 4</script><rect width="60" height="20" fill="teal"/></svg>\'))\n',
  },
];
const FAILING = [...cells, { source: '# check the totals\nassert frame["orders"].sum() > 1000, "too few orders"\n' }];

async function openNotebook(page: Page): Promise<void> {
  await stepNode(page, 'notebook').click();
  await page.getByTestId('open-notebook').click();
  await expect(page.getByTestId('notebook-view')).toBeVisible();
  await expect(page.getByTestId('notebook-cell').first()).toBeVisible();
}

test.describe('with a Docker engine and the scientific Python image', () => {
  test.use({ settings: SETTINGS });
  test.skip(
    pythonMlMissing !== null && process.env.CI !== 'true',
    `needs Docker and ${PYTHON_ML_IMAGE}: ${pythonMlMissing ?? ''}`,
  );

  test('adds a notebook step from the palette, runs it, and opens its executed notebook', async ({
    studio: page,
    workspace,
  }) => {
    test.setTimeout(180_000);
    await page.getByTestId('new-pipeline-button').click();
    await page.getByTestId('new-pipeline-name').fill('explore');
    await page.getByTestId('new-pipeline-name-ok').click();
    await dropTemplate(page, 'notebook', 300, 200);
    await expect(stepNode(page, 'notebook')).toBeVisible();
    await expect(page.getByTestId('step-notebook')).toHaveValue('notebooks/notebook.ipynb');
    await expect(page.getByTestId('step-runs-notebook')).toHaveAttribute('aria-checked', 'true');
    await expect
      .poll(() => {
        try {
          return workspace.read('notebooks/notebook.ipynb');
        } catch {
          return '';
        }
      })
      .toContain('"parameters"');
    await page.screenshot({ path: `${SCREENSHOTS}notebook-step-panel-light.png` });
    await clickEmptyCanvas(page);
    await page.getByTestId('param-add').click();
    await page.getByTestId('param-name-0').fill('title');
    await page.getByTestId('param-name-0').press('Enter');
    await page.getByTestId('param-default-0').fill('Orders by region');
    await page.getByTestId('save-button').click();
    await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
    expect(workspace.pipeline('explore').steps).toEqual({ notebook: { notebook: 'notebooks/notebook.ipynb' } });

    workspace.write('notebooks/notebook.ipynb', notebookText(cells));
    await runPipeline(page);
    await expect(stepNode(page, 'notebook')).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
    await openNotebook(page);
    const view = page.getByTestId('notebook-view');
    await expect(view.getByRole('heading', { name: 'Explore' })).toBeVisible();
    await expect(view.getByText('injected-parameters')).toBeVisible();
    await expect(view.getByText('title = "Orders by region"')).toBeVisible();
    await expect(view.getByTestId('notebook-stream').first()).toHaveText('4 regions\n');
    await expect(view.getByTestId('notebook-table').first().locator('td', { hasText: 'apac' })).toBeVisible();
    await expect(view.getByTestId('notebook-table').nth(1)).toHaveText('safe cell');
    await expect(view.getByTestId('notebook-image')).toHaveCount(2);
    await expect(view.getByTestId('notebook-image').first()).toHaveJSProperty('complete', true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await view.locator('script, iframe, object, [onerror], [onload]').count()).toBe(0);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.screenshot({ path: `${SCREENSHOTS}notebook-executed-light.png` });
    await page.getByTestId('notebook-close').click();
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await stepNode(page, 'notebook').click();
    await page.screenshot({ path: `${SCREENSHOTS}notebook-step-panel-dark.png` });
    await openNotebook(page);
    await page.getByTestId('notebook-image').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}notebook-executed-dark.png` });
    await page.getByTestId('notebook-close').click();

    workspace.write('notebooks/notebook.ipynb', notebookText(FAILING));
    await runPipeline(page);
    await expect(stepNode(page, 'notebook')).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
    await expect(page.getByTestId('step-run-result')).toContainText('cell 7 failed: AssertionError: too few orders');
    await openNotebook(page);
    await expect(page.locator('[data-testid="notebook-cell"][data-failed="true"]')).toHaveCount(1);
    await expect(page.getByTestId('notebook-error')).toContainText('AssertionError: too few orders');
    await expect(page.getByTestId('notebook-error')).toBeInViewport();
    await page.screenshot({ path: `${SCREENSHOTS}notebook-failed-dark.png` });
    await page.getByTestId('notebook-close').click();
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await openNotebook(page);
    await page.screenshot({ path: `${SCREENSHOTS}notebook-failed-light.png` });
  });
});
