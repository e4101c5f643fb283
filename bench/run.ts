// `npm run bench`: every benchmark in one run, printed as one table with the ratio against
// the anchor each issue names. Figures only: nothing here is part of `npm test`.
import { fileURLToPath } from 'node:url';
import { benchDataTests } from './data-tests.js';
import { benchDockerSteps } from './docker-steps.js';
import { benchEngineVsMake } from './engine-vs-make.js';
import { benchGitService } from './git-service.js';
import { printTable } from './measure.js';
import { benchStudioCanvas } from './studio-canvas.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const only = process.argv[2];

const rows = [
  ...(only === undefined || only === 'engine' ? await benchEngineVsMake(cli) : []),
  ...(only === undefined || only === 'studio' ? await benchStudioCanvas() : []),
  ...(only === undefined || only === 'docker' ? benchDockerSteps(cli) : []),
  ...(only === undefined || only === 'git' ? await benchGitService() : []),
  ...(only === undefined || only === 'data' ? await benchDataTests() : []),
];
printTable(rows);
if (rows.some((row) => !row.pass)) process.exitCode = 1;
