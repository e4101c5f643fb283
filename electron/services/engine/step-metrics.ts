// The numbers one step execution adds to its pipeline's metric series: how long it ran, how
// many rows its tabular outputs hold, each data test's observed value, and the numbers the
// step wrote to the files named in its `metrics:`.
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import type { TestResult } from '../../../shared/run/run-types.js';
import { MetricsFileError, readMetricsFile } from '../files/metrics-file.js';
import type { RecordedMetric } from '../store/monitoring-store.js';

const TABULAR = /\.(csv|tsv|parquet|json|jsonl|ndjson)(\.gz)?$/i;

export interface StepMetricsInput {
  root: string;
  step: StepSpec;
  /** Null when the step did not execute (cached) or failed before its outputs existed. */
  durationMs: number | null;
  outputsWritten: boolean;
  tests: readonly TestResult[];
  /** Row counts the data tests already measured. */
  rowCounts: ReadonlyMap<string, number>;
  countRows(path: string): Promise<number | null>;
}

export interface StepMetrics {
  metrics: RecordedMetric[];
  /** Metrics files that could not be read, in words for the step's log. */
  problems: string[];
}

export async function stepMetrics(input: StepMetricsInput): Promise<StepMetrics> {
  const metrics: RecordedMetric[] = [];
  const problems: string[] = [];
  if (input.durationMs !== null) metrics.push({ name: 'duration_ms', value: input.durationMs });
  const rows = new Map(input.rowCounts);
  if (input.outputsWritten) {
    const metricsFiles = new Set((input.step.metrics ?? []).map((file) => normalizeWorkspacePath(file)));
    for (const output of input.step.outputs ?? []) {
      const path = normalizeWorkspacePath(output);
      if (path === null || rows.has(path) || metricsFiles.has(path) || !TABULAR.test(path)) continue;
      const count = await input.countRows(path);
      if (count !== null) rows.set(path, count);
    }
    for (const file of input.step.metrics ?? []) {
      const found = await metricsIn(input.root, file);
      if (typeof found === 'string') problems.push(found);
      else metrics.push(...found);
    }
  }
  for (const [path, count] of rows) metrics.push({ name: `rows:${path}`, value: count });
  for (const test of input.tests) {
    if (test.observed !== null) metrics.push({ name: `test:${test.name}`, value: test.observed });
  }
  return { metrics, problems };
}

async function metricsIn(root: string, file: string): Promise<RecordedMetric[] | string> {
  let data: unknown;
  try {
    data = await readMetricsFile(root, file);
  } catch (error) {
    if (error instanceof MetricsFileError) return error.message;
    throw error;
  }
  const path = normalizeWorkspacePath(file) ?? file;
  const found = numbersIn(data, path, null);
  return found.length > 0 ? found : `metrics file ${path} holds no numbers (expected e.g. {"accuracy": 0.93})`;
}

/** Every number in a JSON value, named by its file and dotted key path. */
function numbersIn(value: unknown, file: string, key: string | null): RecordedMetric[] {
  if (typeof value === 'number')
    return Number.isFinite(value) ? [{ name: key === null ? file : `${file}:${key}`, value }] : [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([inner, nested]) =>
    numbersIn(nested, file, key === null ? inner : `${key}.${inner}`),
  );
}
