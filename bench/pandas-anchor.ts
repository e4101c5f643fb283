// The pandas the data-test benchmark compares with: PIPEWRIGHT_PANDAS_PYTHON (a python or a
// venv) when set, else the newest pandas and pyarrow pip finds, installed once into .bench/pandas
// the first time the data part runs (Debian's own pandas has no Parquet engine), else Debian's.
// An install that failed is remembered in .bench/pandas.failed with its reason, so a machine
// without an index does not wait on pip's retries at every run; removing the file tries again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Pandas {
  python: string;
  /** bench/pandas-checks.py, which runs the catalog. */
  script: string;
  version: string;
}

const script = [
  new URL('../../bench/pandas-checks.py', import.meta.url),
  new URL('./pandas-checks.py', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path));

const BENCH_FOLDER = fileURLToPath(new URL('../../.bench', import.meta.url));
const VENV = join(BENCH_FOLDER, 'pandas');
const FAILED = join(BENCH_FOLDER, 'pandas.failed');

/** A venv's python, or the path itself when it is not a folder. */
const pythonOf = (path: string) =>
  existsSync(path) && statSync(path).isDirectory()
    ? join(path, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python')
    : path;

/** The last line a failed command printed, or why it could not start. */
function reasonOf(result: ReturnType<typeof spawnSync>): string {
  const text = `${String(result.stderr ?? '')}${result.error?.message ?? ''}`.trim();
  return text.split('\n').at(-1) ?? `exit ${String(result.status)}`;
}

/** Makes .bench/pandas; null when it worked, else why not (also written to .bench/pandas.failed). */
function install(): string | null {
  if (existsSync(FAILED))
    return `an earlier install failed (${readFileSync(FAILED, 'utf8').trim()}); remove .bench/pandas.failed to try again`;
  console.log('pipewright bench: installing pandas and pyarrow for the data-test anchor into .bench/pandas…');
  // The venv's python is named once the venv exists (pythonOf looks at the folder).
  const steps: Array<[() => string, string[]]> = [
    [() => 'python3', ['-m', 'venv', '--clear', VENV]],
    [() => pythonOf(VENV), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'pandas', 'pyarrow']],
  ];
  for (const [commandOf, args] of steps) {
    const command = commandOf();
    const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    if (result.status === 0) continue;
    const reason = `${command} ${args.join(' ')}: ${reasonOf(result)}`;
    mkdirSync(BENCH_FOLDER, { recursive: true });
    writeFileSync(FAILED, `${reason}\n`);
    return reason;
  }
  return null;
}

/** The first Python whose pandas reads Parquet, installing .bench/pandas when nothing is configured. */
export function findPandas(): Pandas | { missing: string } {
  if (script === undefined) return { missing: 'bench/pandas-checks.py not found' };
  const configured = process.env.PIPEWRIGHT_PANDAS_PYTHON;
  const probe = (python: string) => spawnSync(python, [script, '--probe'], { encoding: 'utf8' });
  const reasons: string[] = [];
  const found = (python: string): Pandas | null => {
    const result = probe(python);
    if (result.status === 0) {
      const versions = JSON.parse(result.stdout) as { pandas: string; engine: string };
      return { python, script, version: `pandas ${versions.pandas}, ${versions.engine}` };
    }
    reasons.push(`${python}: ${reasonOf(result)}`);
    return null;
  };
  if (configured !== undefined && configured !== '') {
    const chosen = found(pythonOf(configured));
    if (chosen !== null) return chosen;
  } else {
    const installed = existsSync(pythonOf(VENV)) ? found(pythonOf(VENV)) : null;
    if (installed !== null) return installed;
    const failure = install();
    const fresh = failure === null ? found(pythonOf(VENV)) : null;
    if (fresh !== null) return fresh;
    if (failure !== null) reasons.push(`installing: ${failure}`);
  }
  for (const python of ['/usr/bin/python3', 'python3']) {
    const chosen = found(python);
    if (chosen !== null) return chosen;
  }
  return {
    missing: `no pandas with a Parquet engine (pyarrow or fastparquet); set PIPEWRIGHT_PANDAS_PYTHON. ${reasons.join('; ')}`,
  };
}
