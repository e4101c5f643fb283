// What the run dialog shows beside each param: the value the run will use and where it comes
// from (the pipeline's default, the chosen environment, or what is typed here), recomputed as
// the environment or an override changes, with the same resolution the engine uses.
import { parseParamText, resolveParams } from '../../../shared/pipeline/params.js';
import type { ParamSource } from '../../../shared/pipeline/params.js';
import type { ParamSpec, ParamValue } from '../../../shared/pipeline/schema.js';

export interface ParamSourceRow {
  name: string;
  spec: ParamSpec;
  /** The value the run uses; null when no source gives one (the run cannot start). */
  value: ParamValue | null;
  source: ParamSource | null;
  /** Why the typed override is not acceptable; the value shown is then the one without it. */
  error: string | null;
}

export function paramSourceRows(
  specs: Readonly<Record<string, ParamSpec>>,
  environmentParams: Readonly<Record<string, ParamValue>>,
  typed: Readonly<Record<string, string>>,
): ParamSourceRow[] {
  const overrides: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const [name, text] of Object.entries(typed)) {
    const spec = specs[name];
    if (!spec || text === '') continue;
    const parsed = parseParamText(spec, text);
    if ('error' in parsed) errors[name] = parsed.error;
    else overrides[name] = parsed.value;
  }
  const { params } = resolveParams(specs, environmentParams, overrides);
  return Object.entries(specs).map(([name, spec]) => ({
    name,
    spec,
    value: params[name]?.value ?? null,
    source: params[name]?.source ?? null,
    error: errors[name] ?? null,
  }));
}

/** The source in words: "pipeline default", "environment test", "run override". */
export function sourceText(source: ParamSource, environment: string | null): string {
  switch (source) {
    case 'default':
      return 'pipeline default';
    case 'environment':
      return environment ? `environment ${environment}` : 'environment';
    case 'run':
      return 'run override';
    case 'schedule':
      return 'schedule';
    case 'promotion':
      return 'promotion';
  }
}

export function valueText(value: ParamValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
