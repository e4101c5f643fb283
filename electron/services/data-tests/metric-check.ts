// metric: a model test. One number of a JSON metrics file a step wrote (AUC, F1, accuracy...)
// must be within [min, max]. It reads the file itself rather than through DuckDB: a metrics
// file is a small JSON document, and the key is a dotted path into it like the metric series'
// names (metrics/evaluation.json:test.auc).
import { MetricsFileError, readMetricsFile } from '../files/metrics-file.js';
import type { DataCheck } from './data-check.js';
import { judged } from './data-check.js';
import { DataTestError } from './data-test-error.js';
import { figure, quoted } from './wording.js';
import { isPlainMap } from '../../../shared/git/plain-data.js';

export const metricCheck: DataCheck<'metric'> = {
  expected: ({ min, max }) => metricRange(min, max),

  async run({ root }, args) {
    const value = numberAt(await metricsOf(root, args.file), args.file, args.key);
    const below = args.min !== undefined && value < args.min;
    const above = args.max !== undefined && value > args.max;
    return judged({
      passed: !below && !above,
      observed: value,
      expected: metricRange(args.min, args.max),
      rowCount: null,
      message: () =>
        `${args.file}: ${args.key} is ${figure(value)}, ${below ? `below the minimum ${String(args.min)}` : `above the maximum ${String(args.max)}`}`,
    });
  },
};

function metricRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return 'any number';
}

async function metricsOf(root: string, file: string): Promise<unknown> {
  try {
    return await readMetricsFile(root, file);
  } catch (error) {
    if (error instanceof MetricsFileError) throw new DataTestError(error.message);
    throw error;
  }
}

/** The number at a dotted key path; a clear error when a part is missing or it is not a number. */
function numberAt(data: unknown, file: string, key: string): number {
  let value = data;
  let walked = '';
  for (const part of key.split('.')) {
    if (!isPlainMap(value)) {
      throw new DataTestError(
        `${file}: ${walked === '' ? 'the file' : walked} is not an object, so it has no key ${quoted(part)}`,
      );
    }
    const object = value;
    if (!Object.hasOwn(object, part)) {
      const keys = Object.keys(object);
      const where = walked === '' ? 'the file' : walked;
      throw new DataTestError(
        `${file}: ${where} has no key ${quoted(part)}${keys.length > 0 ? ` (keys: ${keys.slice(0, 12).join(', ')})` : ''}`,
      );
    }
    value = object[part];
    walked = walked === '' ? part : `${walked}.${part}`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DataTestError(`${file}: ${key} is ${JSON.stringify(value) ?? String(value)}, not a number`);
  }
  return value;
}
