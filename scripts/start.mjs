// `npm start`: creates the sample workspace on first use, then runs its pipeline. (The studio
// opens here once it exists; until then the CLI shows the run.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../sample-workspace', import.meta.url));
const pipewright = (...args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status ?? 1;

if (!existsSync(sample) && pipewright('init', sample) !== 0) process.exit(1);
process.exit(pipewright('--workspace', sample, 'run', 'sales'));
