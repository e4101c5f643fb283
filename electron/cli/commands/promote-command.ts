// `pipewright promote BRANCH`: runs the experiment's pipelines at its tip in the gate
// environment, judges the gate, and only on a pass merges it into production, tags the merge
// release-N and records the promotion. Exit 0 promoted (or --dry-run passed), 1 the gate
// failed or the merge could not be made, 2 usage.
import type { PromotionEvent } from '../../../shared/journeys/journey-types.js';
import { FINAL_STEP_STATUSES } from '../../../shared/run/run-types.js';
import { dockerEnvironmentRunners } from '../../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../../services/engine/pipeline-engine.js';
import { recoverPromotion } from '../../services/promotion/promotion-recovery.js';
import {
  PromotionCancelledError,
  PromotionService,
  PromotionUsageError,
} from '../../services/promotion/promotion-service.js';
import { PromotionSetupError } from '../../services/promotion/committed-settings.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { promotionText } from '../output/promotion-text.js';
import { statusGlyph, statusLabel, stylerFor } from '../output/terminal-style.js';
import type { Styler } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface PromoteOptions {
  pipeline?: string[];
  dryRun?: boolean;
  json?: boolean;
}

/** Ctrl-C, SIGTERM and SIGHUP stop the gate runs; nothing is merged after that. */
function abortOnSignals(controller: AbortController): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = () => controller.abort();
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}

function progressLine(style: Styler, event: PromotionEvent): string | null {
  if (event.type === 'phase' && event.phase !== 'done') return `${style('cyan', '▶')} ${event.message}`;
  if (event.type === 'run-started') return style('gray', `  run ${event.runId} of ${event.pipeline}`);
  return null;
}

export async function promoteCommand(branch: string, options: PromoteOptions, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io);
  const { store } = await openWorkspaceState(workspace);
  const style = stylerFor(io.stderr);
  const quiet = options.json ?? false;
  const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
  const controller = new AbortController();
  const stopWatching = abortOnSignals(controller);
  try {
    const recovered = await recoverPromotion(workspace, store);
    if (recovered && !quiet) {
      const what =
        recovered.action === 'finished'
          ? `finished: ${recovered.production} has it as ${recovered.tag}`
          : `rolled back: ${recovered.production} was not changed`;
      io.stderr.write(style('yellow', `an interrupted promotion of ${recovered.branch} was ${what}\n`));
    }
    if (!quiet) {
      engine.onEvent((event) => {
        if (event.type === 'step-status' && FINAL_STEP_STATUSES.has(event.step.status))
          io.stderr.write(`    ${statusGlyph(style, event.step.status)} ${event.step.id}\n`);
        if (event.type === 'run-finished')
          io.stderr.write(`  ${event.run.pipeline}: ${statusLabel(style, event.run.status)}\n`);
      });
    }
    const service = new PromotionService({ workspace, store, engine });
    const outcome = await service.promote(branch, {
      ...(options.pipeline && options.pipeline.length > 0 ? { pipelines: options.pipeline } : {}),
      dryRun: options.dryRun ?? false,
      signal: controller.signal,
      onEvent: (event) => {
        const line = quiet ? null : progressLine(style, event);
        if (line !== null) io.stderr.write(`${line}\n`);
      },
    });
    io.stdout.write(
      options.json ? `${JSON.stringify(outcome, null, 2)}\n` : promotionText(stylerFor(io.stdout), outcome),
    );
    return outcome.result === 'gate-failed' || outcome.result === 'conflict' ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof PromotionUsageError || error instanceof PromotionSetupError)
      throw new UsageError(error.message);
    if (error instanceof PromotionCancelledError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.cancelled;
    }
    throw error;
  } finally {
    stopWatching();
    await engine.close();
    store.close();
  }
}
