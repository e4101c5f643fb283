// `npm run bench`: every benchmark in one run, printed as one table with the ratio against
// the anchor each issue names. Figures only: nothing here is part of `npm test`. A part that
// cannot measure (its anchor or a dependency missing, or it throws) prints a failing row.
import { fileURLToPath } from 'node:url';
import { benchCliStart } from './cli-start.js';
import { benchDataPreview } from './data-preview.js';
import { benchDataTests } from './data-tests.js';
import { benchDockerSteps } from './docker-steps.js';
import { benchEngineVsMake } from './engine-vs-make.js';
import { benchGitService } from './git-service.js';
import { guarded, printTable } from './measure.js';
import { benchScale } from './scale.js';
import { benchRunCache } from './run-cache.js';
import { benchStudioCanvas } from './studio-canvas.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const only = process.argv[2];

const PARTS = {
  engine: () => benchEngineVsMake(cli),
  cli: () => benchCliStart(cli),
  studio: () => benchStudioCanvas(),
  docker: () => benchDockerSteps(cli),
  git: () => benchGitService(),
  data: () => benchDataTests(),
  preview: () => benchDataPreview(),
  scale: () => benchScale(cli),
  cache: () => benchRunCache(),
};

if (only !== undefined && !Object.hasOwn(PARTS, only)) {
  console.error(`error: no benchmark part "${only}"; the parts are ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
const rows = [];
for (const [name, part] of Object.entries(PARTS))
  if (only === undefined || only === name) rows.push(...(await guarded(`${name} benchmarks`, part)));
printTable(rows);
if (rows.some((row) => !row.pass)) process.exitCode = 1;
