// axe-core in the studio's Chromium: a view must have no serious or critical violation of WCAG
// 2.1 A/AA, in the light theme and in the dark one (contrast is the theme tokens' job).
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect } from './studio-fixture.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact ?? ''}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    );
}

/**
 * The view on screen, checked in both themes, and kept as a screenshot per theme (every view in
 * both themes, for a person to look at). The theme is switched on the page's root, as the
 * studio's toggle does, so a dialog that a click on the toggle would close stays open.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  for (const theme of ['light', 'dark']) {
    await html.evaluate((root, value) => (root.dataset.theme = value), theme);
    await page.screenshot({ path: `${SCREENSHOTS}view-${view.replaceAll(/[^a-z0-9]+/gi, '-')}-${theme}.png` });
    expect
      .soft(await seriousViolations(page), `${view} (${theme} theme): serious or critical axe violations`)
      .toEqual([]);
  }
  await html.evaluate((root, value) => (root.dataset.theme = value ?? 'light'), before);
}
