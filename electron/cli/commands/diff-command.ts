// `pipewright diff [REF_A] [REF_B] [PIPELINE]`: what changed in the pipelines between two
// commits, branches or tags — or between one and the working tree (the default: HEAD and the
// working tree) — as steps, fields, edges, params and tests.
import { GitError } from '../../services/git/git-errors.js';
import { GitRepository } from '../../services/git/git-repository.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { diffText } from '../output/diff-text.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export async function diffCommand(args: string[], options: { json?: boolean }, io: CliIO): Promise<number> {
  if (args.length > 3) throw new UsageError('diff takes at most REF_A, REF_B and PIPELINE');
  const workspace = openWorkspaceFor(io);
  const repository = GitRepository.open(workspace.root, { watch: false });
  if (!repository) throw new UsageError(`${workspace.root} is not in a git repository: there is nothing to compare`);
  try {
    const pipelines = new Set(workspace.listPipelines().flatMap((entry) => [entry.name, entry.file]));
    const isRef = async (arg: string) =>
      repository.resolveRef(arg).then(
        () => true,
        () => false,
      );
    // The last argument names a pipeline when it is one and not also a branch, tag or commit.
    let only: string | undefined;
    const last = args.at(-1);
    if (args.length === 3 || (last !== undefined && pipelines.has(last) && !(await isRef(last)))) only = args.pop();
    const [from = 'HEAD', to = null] = args;
    const diffs = await repository.pipelineDiffs(from, to, only);
    if (only !== undefined && diffs.length === 0 && !pipelines.has(only))
      throw new UsageError(`no pipeline named "${only}" in ${workspace.root}`);
    const labels = { from, to: to ?? 'the working tree' };
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ ...labels, pipelines: diffs }, null, 2)}\n`
        : diffText(diffs, labels, stylerFor(io.stdout)),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  } finally {
    repository.release();
  }
}
