// The command palette: Ctrl/Cmd+Shift+P lists every action with its keys, the letters typed
// filter it, the arrows move, Enter runs the action and Escape closes, announced to screen
// readers as a combobox over a listbox with the active option.
import { expect, SCREENSHOTS, stepNode, test } from './studio-fixture.js';

test.use({ colorScheme: 'light' });

test('the palette lists every action with its keys, filters fuzzily and runs the chosen one by keyboard', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/tidy.pipeline.yaml', 'version: 1\nname: tidy\nsteps:\n  a:\n    run: echo a\n');
  await page.reload();
  await expect(stepNode(page, 'a')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+Shift+P');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await expect(palette).toHaveAttribute('role', 'dialog');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await expect(page.getByRole('listbox', { name: 'Commands' })).toBeVisible();
  // Every action, with the keys that work for it.
  await expect(page.getByTestId('palette-option-save')).toContainText(/Save pipeline\s*Ctrl\+S/);
  await expect(page.getByTestId('palette-option-run')).toContainText('Ctrl+Enter');
  await expect(page.getByTestId('palette-option-run')).toContainText('F5');
  await expect(page.getByTestId('palette-option-open-log')).toContainText('Shift+L');
  await expect(page.getByTestId('palette-option-show-monitor')).toBeVisible();
  await expect(input).toHaveAttribute('aria-activedescendant', 'palette-option-save');
  await expect(page.getByTestId('palette-option-save')).toHaveAttribute('aria-selected', 'true');

  await page.screenshot({ path: `${SCREENSHOTS}command-palette-light.png` });
  await page.keyboard.press('Escape');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(input).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOTS}command-palette-dark.png` });

  // Letters in order find "Show Run history"; the arrows move the active option.
  await input.fill('runhist');
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByTestId('palette-option-show-history')).toHaveAttribute('aria-selected', 'true');
  await input.fill('show');
  await page.keyboard.press('ArrowDown');
  const second = await page.getByRole('option').nth(1).getAttribute('id');
  await expect(input).toHaveAttribute('aria-activedescendant', second ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');

  // Escape closes without doing anything; Enter runs the action.
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await input.fill('theme');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  // It was dark for the screenshot: the palette's toggle made it light again.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.getByTestId('palette-button').click();
  await input.fill('envs');
  await expect(page.getByTestId('palette-option-show-environments')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-environments')).toHaveClass(/active/);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await input.fill('zzzq');
  await expect(palette).toContainText('No command matches');
});
