// `pipewright releases`: the releases of the production branch, newest first, each with the
// gate report it passed — read from the release-N tags, which every clone of the repository has.
import { dockerEnvironmentRunners } from '../../services/docker/docker-runner-factory.js';
import { PipelineEngine } from '../../services/engine/pipeline-engine.js';
import { recoverPromotion } from '../../services/promotion/promotion-recovery.js';
import { PromotionService, PromotionUsageError } from '../../services/promotion/promotion-service.js';
import { openWorkspaceState } from '../../services/state/workspace-state.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { releasesText } from '../output/promotion-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export async function releasesCommand(options: { json?: boolean }, io: CliIO): Promise<number> {
  const workspace = openWorkspaceFor(io);
  const { store } = await openWorkspaceState(workspace);
  const engine = new PipelineEngine({ workspace, store, docker: dockerEnvironmentRunners });
  try {
    const recovered = await recoverPromotion(workspace, store);
    if (recovered && !options.json) {
      const what =
        recovered.action === 'finished'
          ? `finished as ${recovered.tag}`
          : `rolled back (${recovered.production} was not changed)`;
      io.stderr.write(`an interrupted promotion of ${recovered.branch} was ${what}\n`);
    }
    const releases = await new PromotionService({ workspace, store, engine }).releases();
    io.stdout.write(
      options.json ? `${JSON.stringify(releases, null, 2)}\n` : releasesText(stylerFor(io.stdout), releases),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PromotionUsageError) throw new UsageError(error.message);
    throw error;
  } finally {
    await engine.close();
    store.close();
  }
}
