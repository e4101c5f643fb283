// Every kind of data test of the catalog (shared/pipeline/test-schema.ts), by its key.
import type { DataTestKind } from '../../../shared/pipeline/test-schema.js';
import { acceptedValuesCheck } from './accepted-values-check.js';
import type { DataCheck } from './data-check.js';
import { metricCheck } from './metric-check.js';
import { freshnessCheck } from './freshness-check.js';
import { notNullCheck } from './not-null-check.js';
import { patternCheck } from './pattern-check.js';
import { rangeCheck } from './range-check.js';
import { relationshipCheck } from './relationship-check.js';
import { rowCountChangeCheck, rowCountCheck } from './row-count-checks.js';
import { schemaCheck } from './schema-check.js';
import { sqlCheck } from './sql-check.js';
import { uniqueCheck } from './unique-check.js';

export const DATA_CHECKS: { [K in DataTestKind]: DataCheck<K> } = {
  row_count: rowCountCheck,
  not_null: notNullCheck,
  unique: uniqueCheck,
  accepted_values: acceptedValuesCheck,
  range: rangeCheck,
  pattern: patternCheck,
  schema: schemaCheck,
  freshness: freshnessCheck,
  relationship: relationshipCheck,
  sql: sqlCheck,
  row_count_change: rowCountChangeCheck,
  metric: metricCheck,
};
