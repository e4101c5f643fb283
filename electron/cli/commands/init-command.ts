import { join, relative, resolve } from 'node:path';
import { resourcesDir } from '../../services/resources.js';
import { createWorkspace } from '../../services/workspace/create-workspace.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../cli-error.js';
import type { CliIO } from '../cli-io.js';
import { stylerFor } from '../output/terminal-style.js';

export async function initCommand(dir: string | undefined, options: { git?: boolean }, io: CliIO): Promise<number> {
  const target = resolve(io.cwd, dir ?? '.');
  let created;
  try {
    created = await createWorkspace(target, join(resourcesDir(), 'sample-workspace'), { ownRepository: options.git ?? false });
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
  const style = stylerFor(io.stdout);
  const rel = relative(io.cwd, created.root);
  const where = rel === '' ? '.' : rel.startsWith('..') ? created.root : rel;
  io.stdout.write(`${style('green', '✓')} created a Pipewright workspace in ${created.root} (${created.files.length} files)\n`);
  io.stdout.write(created.commit
    ? `  git repository initialised, first commit ${created.commit.slice(0, 7)}\n`
    : '  inside an existing git repository: review and commit the new files\n');
  io.stdout.write(`\nnext:\n  cd ${where}\n  pipewright run sales\n`);
  return EXIT.ok;
}
