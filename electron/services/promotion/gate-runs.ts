// The candidate runs of a promotion: each pipeline of the experiment run at the branch's tip in
// the gate environment, through the engine like any run of `--ref` (recorded, with its tests,
// metrics and alerts), marked as the promotion's, with the promotion's params. Beside each, the
// numbers the gate compares it with: production's last run of the pipeline there.
import type { GateCandidate } from '../../../shared/promotion/gate.js';
import type { PromotionSettings } from '../../../shared/promotion/promotion-settings.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import type { PipelineEngine } from '../engine/pipeline-engine.js';
import { RunRequestError } from '../engine/run-plan.js';
import { WorkspaceError } from '../workspace/workspace.js';
import type { PromotionStore } from './promotion-store.js';

/** The candidate as the gate judges it, with production's numbers beside it. */
export function candidateOf(
  promotions: PromotionStore,
  production: string,
  pipeline: string,
  run: RunSummary | null,
  alerts: readonly Alert[],
): GateCandidate {
  if (run === null) return { pipeline, run: null, alerts: [], metrics: [], production: null };
  const productionRun = promotions.productionRun(production, run.pipeline, run.environment);
  return {
    pipeline,
    run,
    alerts,
    metrics: promotions.metricsOf(run),
    production:
      productionRun === null ? null : { runId: productionRun.id, metrics: promotions.metricsOf(productionRun) },
  };
}

export interface GateRunOptions {
  engine: PipelineEngine;
  promotions: PromotionStore;
  settings: PromotionSettings;
  branch: string;
  cwd: string;
  onStarted: (pipeline: string, runId: string) => void;
  signal: AbortSignal | undefined;
}

/** Runs one pipeline of the branch for the gate; a run that cannot start is a failed candidate. */
export async function runCandidate(pipeline: string, options: GateRunOptions): Promise<GateCandidate> {
  const { engine, promotions, settings, branch } = options;
  let plan;
  try {
    plan = await engine.plan({
      pipeline,
      cwd: options.cwd,
      ref: branch,
      ...(settings.gateEnvironment !== null ? { environment: settings.gateEnvironment } : {}),
      params: settings.params,
      paramSource: 'promotion',
      trigger: { kind: 'promotion', name: branch },
    });
  } catch (error) {
    if (!(error instanceof RunRequestError) && !(error instanceof WorkspaceError)) throw error;
    const problems =
      error instanceof RunRequestError
        ? error.problems
            .filter((problem) => problem.severity === 'error')
            .slice(0, 3)
            .map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)
        : [];
    return {
      ...candidateOf(promotions, settings.production, pipeline, null, []),
      problem: [error.message, ...problems].join('; '),
    };
  }
  const handle = engine.start(plan);
  options.onStarted(pipeline, handle.runId);
  const cancel = () => handle.cancel();
  options.signal?.addEventListener('abort', cancel);
  try {
    const { run, alerts } = await handle.done;
    return candidateOf(promotions, settings.production, pipeline, run, alerts);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}
