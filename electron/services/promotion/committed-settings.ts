// What promotion reads from commits rather than from the working tree: the pipelines a branch
// has at its tip, and the promotion settings production has committed. The gate a candidate
// must pass is production's, as committed there, so an experiment cannot lower its own bar.
import { posix } from 'node:path';
import { PIPELINES_DIR, WORKSPACE_FILE, pipelineNameOfFile } from '../../../shared/pipeline/names.js';
import { formatProblem, hasErrors } from '../../../shared/pipeline/problem.js';
import { validateWorkspaceText } from '../../../shared/validation/validate.js';
import { promotionSettings } from '../../../shared/promotion/promotion-settings.js';
import type { PromotionSettings } from '../../../shared/promotion/promotion-settings.js';
import type { RepositoryParts } from '../git/repository-parts.js';
import { readBlob } from '../git/git-objects.js';

export class PromotionSetupError extends Error {}

/** The names of the pipelines the workspace (at `prefix` in the repository) has at `commit`. */
export async function pipelinesAt(parts: RepositoryParts, commit: string, prefix: string): Promise<string[]> {
  const folder = posix.join(prefix, PIPELINES_DIR);
  const files = await parts.trees.flatten(await parts.trees.commitTree(commit));
  return [...files.keys()]
    .filter((path) => posix.dirname(path) === folder)
    .map((path) => pipelineNameOfFile(path))
    .filter((name): name is string => name !== null)
    .sort();
}

/** The promotion settings of pipewright.yaml as committed at `commit` (defaults when it has none). */
export async function promotionSettingsAt(
  parts: RepositoryParts,
  commit: string,
  prefix: string,
  ref: string,
): Promise<PromotionSettings> {
  const path = posix.join(prefix, WORKSPACE_FILE);
  const file = (await parts.trees.flatten(await parts.trees.commitTree(commit))).get(path);
  if (!file) return promotionSettings(undefined, undefined);
  const validated = validateWorkspaceText(WORKSPACE_FILE, (await readBlob(parts.context, file.oid)).toString('utf8'));
  if (!validated.spec || hasErrors(validated.problems)) {
    const problems = validated.problems
      .filter((problem) => problem.severity === 'error')
      .map(formatProblem)
      .join('\n');
    throw new PromotionSetupError(
      `${WORKSPACE_FILE} on ${ref} (${commit.slice(0, 7)}) is not valid, so its gate cannot be read:\n${problems}`,
    );
  }
  return promotionSettings(validated.spec.promotion, validated.spec.default_environment);
}
