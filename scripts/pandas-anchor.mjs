// "Installs what is missing" for the benchmark's pandas anchor: a virtual environment in
// .bench/pandas with the newest pandas and pyarrow pip can find, made once. The data-test row
// compares against the pandas a data team would install today, and Debian's own pandas has no
// Parquet engine. A machine without python3 or an index leaves the row failing with its reason,
// never the bench. Skipped when PIPEWRIGHT_PANDAS_PYTHON names a pandas already.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const venv = fileURLToPath(new URL('../.bench/pandas', import.meta.url));
const python = `${venv}/bin/python`;
const probe = fileURLToPath(new URL('../bench/pandas-checks.py', import.meta.url));

const readsParquet = (candidate) => spawnSync(candidate, [probe, '--probe'], { stdio: 'ignore' }).status === 0;

function install() {
  const steps = [
    ['python3', ['-m', 'venv', '--clear', venv]],
    [python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'pandas', 'pyarrow']],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) {
      const reason = (result.error?.message ?? result.stderr ?? '').trim().split('\n').at(-1);
      console.warn(`pipewright bench: no pandas anchor (${command} ${args.join(' ')}: ${reason}); its row will fail.`);
      return;
    }
  }
}

const configured = process.env.PIPEWRIGHT_PANDAS_PYTHON;
if ((configured === undefined || configured === '') && !(existsSync(python) && readsParquet(python))) {
  console.log('pipewright bench: installing pandas and pyarrow for the data-test anchor (.bench/pandas)…');
  install();
}
