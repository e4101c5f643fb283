// The desktop app end to end: open a workspace, edit a step, save, run. Needs the Electron
// binary, which cannot be downloaded on every machine: where it is missing, the test is
// skipped and says so.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { electronSqliteBinding } from '../../scripts/electron-native.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = electronBinary(root);
if (!binary)
  console.log(
    'Electron end-to-end test skipped: the Electron binary is not installed here and could not be downloaded.',
  );

test('opens a workspace, edits a step, saves and runs in the desktop app', async () => {
  test.skip(!binary, 'the Electron binary is not installed here');
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-electron-'));
  mkdirSync(join(workspace, 'pipelines'));
  writeFileSync(join(workspace, 'pipewright.yaml'), 'version: 1\n');
  writeFileSync(
    join(workspace, 'pipelines', 'desk.pipeline.yaml'),
    'version: 1\nname: desk\nsteps:\n  hello:\n    run: echo hello\n',
  );
  const binding = await electronSqliteBinding(root);
  const app = await electron.launch({
    executablePath: binary as string,
    args: [root, workspace],
    env: { ...process.env, PIPEWRIGHT_SQLITE_BINDING: binding ?? '' },
  });
  try {
    const window = await app.firstWindow();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await window.getByTestId('pipeline-item-desk').click();
    await window.getByTestId('step-node-hello').click();
    const editor = window.getByTestId('step-command').locator('.cm-content');
    await editor.click();
    await window.keyboard.press('ControlOrMeta+a');
    await window.keyboard.type('echo from the desktop > desk.txt');
    await window.keyboard.press('ControlOrMeta+s');
    await expect(window.getByTestId('dirty-marker')).toHaveCount(0);
    expect(readFileSync(join(workspace, 'pipelines', 'desk.pipeline.yaml'), 'utf8')).toContain(
      'run: echo from the desktop > desk.txt',
    );
    await window.getByTestId('run-button').click();
    await window.getByTestId('run-confirm').click();
    await expect(window.getByTestId('step-node-hello')).toHaveAttribute('data-status', 'succeeded');
    expect(readFileSync(join(workspace, 'desk.txt'), 'utf8')).toBe('from the desktop\n');
  } finally {
    await app.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});
