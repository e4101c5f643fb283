// Runs the end-to-end tests (Playwright). They need a Chromium: on a machine without one they
// are skipped with a message, except in CI (CI=true), where a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.PIPEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `end-to-end tests need Chromium at ${chromium} (apt-get install chromium, or set PIPEWRIGHT_CHROMIUM)`;
  if (process.env.CI === 'true') {
    console.error(`error: ${message}`);
    process.exit(1);
  }
  console.log(`skipped: ${message}`);
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
