// A studio per test: a temporary workspace, `pipewright serve` on it as a real process, and a
// Chromium page opened on the URL it prints. A test fails when the renderer logs a console error
// or throws an uncaught error, unless the test allows that error by name (allowedPageErrors),
// because it provokes it on purpose.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('./results/screenshots/', import.meta.url));

export interface StudioWorkspace {
  root: string;
  write(path: string, content: string): void;
  read(path: string): string;
  pipeline(name: string): Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML read back for assertions
}

interface Fixtures {
  /** The workspace's pipewright.yaml, written before the studio opens (test.use to change it). */
  settings: string;
  /** A workspace template (`pipewright init --template`) to start from; its pipewright.yaml is then replaced by settings. */
  template: string | null;
  /** Extra environment variables of the `pipewright serve` process. */
  serverEnv: Record<string, string>;
  /** Console errors and uncaught page errors this test provokes on purpose; any other fails it. */
  allowedPageErrors: RegExp[];
  workspace: StudioWorkspace;
  studio: Page;
}

/** Every console error and uncaught error of the page, as "console: ..." or "uncaught: ...". */
function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  return errors;
}

function startServer(root: string, serverEnv: Record<string, string>): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, [CLI, 'serve', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...serverEnv },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output)?.[1];
      if (url) resolve({ url, server });
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', onData);
    server.once('exit', (code) => reject(new Error(`pipewright serve exited (${String(code)}): ${output}`)));
  });
}

export const test = base.extend<Fixtures>({
  serverEnv: [{}, { option: true }],
  allowedPageErrors: [[], { option: true }],
  settings: ['version: 1\nenvironments:\n  dev:\n    description: local development\n', { option: true }],
  template: [null, { option: true }],
  workspace: async ({ settings, template }, use) => {
    const root = mkdtempSync(join(tmpdir(), 'pipewright-e2e-'));
    // Readable by others, as a home folder usually is: step containers run as nobody when the
    // tests run as root (CI).
    chmodSync(root, 0o755);
    const workspace: StudioWorkspace = {
      root,
      write: (path, content) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), content);
      },
      read: (path) => readFileSync(join(root, path), 'utf8'),
      pipeline: (name) =>
        parse(readFileSync(join(root, 'pipelines', `${name}.pipeline.yaml`), 'utf8')) as Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
    };
    // Made by the CLI itself, as a user would: the template's files and its git repository.
    if (template !== null)
      execFileSync(process.execPath, [CLI, 'init', root, '--template', template], {
        stdio: 'ignore',
        env: { ...process.env, NO_COLOR: '1' },
      });
    workspace.write('pipewright.yaml', settings);
    await use(workspace);
    rmSync(root, { recursive: true, force: true });
  },
  studio: async ({ page, workspace, serverEnv, allowedPageErrors }, use) => {
    const errors = recordPageErrors(page);
    const { url, server } = await startServer(workspace.root, serverEnv);
    await page.goto(url);
    await expect(page.getByTestId('pipeline-list')).toBeVisible();
    await use(page);
    // Closed before the server stops, so a lost connection at the end is not counted.
    await page.close();
    server.kill('SIGINT');
    await new Promise((done) => server.once('exit', done));
    const unexpected = errors.filter((error) => !allowedPageErrors.some((allowed) => allowed.test(error)));
    expect(unexpected, 'the studio logged errors in the browser console or threw uncaught errors').toEqual([]);
  },
});

export { expect };

/** Drags a palette template onto the canvas at a point relative to the canvas. */
export async function dropTemplate(page: Page, templateId: string, x: number, y: number): Promise<void> {
  await page.getByTestId('tab-steps').click();
  await page.getByTestId(`palette-item-${templateId}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Draws an edge from one step's output handle to another's input handle. */
export async function connectSteps(page: Page, from: string, to: string): Promise<void> {
  const source = await page.getByTestId(`handle-out-${from}`).boundingBox();
  const target = await page.getByTestId(`handle-in-${to}`).boundingBox();
  if (!source || !target) throw new Error('handle not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId(`rf__edge-${from}->${to}`), `the edge ${from} → ${to} was drawn`).toHaveCount(1);
}

/** Replaces a step's command in the code editor of the step panel. */
export async function setCommand(page: Page, stepId: string, command: string): Promise<void> {
  await page.getByTestId(`step-node-${stepId}`).click();
  const editor = page.getByTestId('step-command').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(command);
  await expect(editor).toHaveText(command);
}

/**
 * Clicks the canvas where no step is, which selects nothing and shows the pipeline panel. Where
 * the steps sit depends on the fit (size, zoom, the minimap), so the point is found, not fixed.
 */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  const nodes = await page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left - 8, top: box.top - 8, right: box.right + 8, bottom: box.bottom + 8 };
    }),
  );
  const candidates = [
    [0.05, 0.5],
    [0.05, 0.25],
    [0.5, 0.12],
    [0.3, 0.85],
    [0.05, 0.85],
    [0.6, 0.5],
  ] as const;
  for (const [fx, fy] of candidates) {
    const x = canvas.x + canvas.width * fx;
    const y = canvas.y + canvas.height * fy;
    if (nodes.some((box) => x >= box.left && x <= box.right && y >= box.top && y <= box.bottom)) continue;
    await page.getByTestId('canvas').click({ position: { x: x - canvas.x, y: y - canvas.y } });
    return;
  }
  throw new Error('no empty place on the canvas to click');
}

export async function runPipeline(page: Page, options: { noCache?: boolean } = {}): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-dialog')).toBeVisible();
  if (options.noCache) await page.getByTestId('run-no-cache').check();
  await page.getByTestId('run-confirm').click();
}

export function stepNode(page: Page, stepId: string) {
  return page.getByTestId(`step-node-${stepId}`);
}

/** The view in the light theme, then the dark one, then back to light; alert toasts dismissed first. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  const toasts = page.getByTestId('alert-toast');
  while ((await toasts.count()) > 0) await toasts.first().getByTitle('Dismiss').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SCREENSHOTS}${name}-light.png` });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: `${SCREENSHOTS}${name}-dark.png` });
  await page.getByTestId('theme-toggle').click();
}
