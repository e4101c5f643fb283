// End-to-end tests of the studio in a real Chromium, against the web host (e2e/*.spec.ts), and
// of the desktop app where the Electron binary exists (e2e/electron/*.spec.ts).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.PIPEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/results/artifacts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // In CI a test that fails is run once more: one that then passes is still printed by name as
  // flaky in the summary, and one that fails twice fails the run. A CI run that fails on a
  // timing accident lands nothing, and its output may not be kept to say which test it was.
  retries: process.env.CI === 'true' ? 1 : 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'studio', testMatch: /e2e\/[^/]+\.spec\.ts$/ },
    { name: 'electron', testMatch: /e2e\/electron\/.+\.spec\.ts$/ },
  ],
});
