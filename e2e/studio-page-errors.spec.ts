// The studio fixture fails a test on a console error or an uncaught error in the renderer, so
// every spec checks that the studio ran clean. These tests provoke one on purpose: each is
// expected to fail (test.fail), and would pass — failing the suite — if the fixture let it by.
import { expect, test } from './studio-fixture.js';

test.describe('the renderer must run clean', () => {
  test.fail();

  test('a console error fails the test', async ({ studio: page }) => {
    await page.evaluate(() => console.error('provoked console error'));
  });

  test('an uncaught error fails the test', async ({ studio: page }) => {
    const thrown = page.waitForEvent('pageerror');
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error('provoked uncaught error');
      }),
    );
    await thrown;
  });

  test('an unhandled promise rejection fails the test', async ({ studio: page }) => {
    const thrown = page.waitForEvent('pageerror');
    await page.evaluate(() => {
      void Promise.reject(new Error('provoked rejection'));
    });
    await thrown;
  });
});

test.describe('an error a spec provokes on purpose', () => {
  test.use({ allowedPageErrors: [/provoked on purpose/] });

  test('is allowed by name, and only that one', async ({ studio: page }) => {
    await page.evaluate(() => console.error('provoked on purpose'));
    await expect(page.getByTestId('pipeline-list')).toBeVisible();
  });
});
