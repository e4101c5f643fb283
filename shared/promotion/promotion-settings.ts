// What the `promotion:` block of pipewright.yaml means once its defaults are applied: the
// production branch (main), the environment the gate runs in (the one before the last of the
// path, else the default environment), the gate, and the params of the gate runs as typed.
import type { GateSpec, PromotionSpec } from '../pipeline/journey-schema.js';

export interface PromotionSettings {
  production: string;
  /** Null: the workspace's default environment (or none). */
  gateEnvironment: string | null;
  gate: GateSpec | undefined;
  /** Param overrides of the gate runs, as a user would type them. */
  params: Record<string, string>;
}

export const DEFAULT_PRODUCTION_BRANCH = 'main';

export function promotionSettings(
  promotion: PromotionSpec | undefined,
  defaultEnvironment: string | undefined,
): PromotionSettings {
  return {
    production: promotion?.production ?? DEFAULT_PRODUCTION_BRANCH,
    gateEnvironment: promotion?.path?.at(-2) ?? defaultEnvironment ?? null,
    gate: promotion?.gate,
    params: Object.fromEntries(Object.entries(promotion?.params ?? {}).map(([name, value]) => [name, String(value)])),
  };
}
