import { relative, resolve } from 'node:path';
import { createWorkspace } from '../../services/workspace/create-workspace.js';
import { VSCODE_SETTINGS } from '../../services/workspace/editor-settings.js';
import { DEFAULT_TEMPLATE, WORKSPACE_TEMPLATES, templateFolder } from '../../services/workspace/workspace-templates.js';
import type { WorkspaceTemplateName } from '../../services/workspace/workspace-templates.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { stylerFor } from '../output/terminal-style.js';

export async function initCommand(
  dir: string | undefined,
  options: { git?: boolean; template?: WorkspaceTemplateName },
  io: CliIO,
): Promise<number> {
  const target = resolve(io.cwd, dir ?? '.');
  const template = options.template ?? DEFAULT_TEMPLATE;
  let created;
  try {
    created = await createWorkspace(target, templateFolder(template), { ownRepository: options.git ?? false });
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
  const style = stylerFor(io.stdout);
  const rel = relative(io.cwd, created.root);
  const where = rel === '' ? '.' : rel.startsWith('..') ? created.root : rel;
  io.stdout.write(
    `${style('green', '✓')} created a Pipewright workspace in ${created.root} from the ${template} template (${created.files.length} files)\n`,
  );
  io.stdout.write(
    created.commit
      ? `  git repository initialised, first commit ${created.commit.slice(0, 7)}\n`
      : '  inside an existing git repository: review and commit the new files\n',
  );
  for (const setting of created.editors.filter((editor) => editor.file === VSCODE_SETTINGS)) {
    if (setting.outcome === 'refused') io.stderr.write(`${style('yellow', '!')} ${setting.reason ?? setting.file}\n`);
    else if (setting.outcome !== 'unchanged')
      io.stdout.write(
        `  editors: ${setting.file} ${setting.outcome} (pipeline files complete and validate in VS Code's YAML extension)\n`,
      );
  }
  io.stdout.write(`\nnext:\n  cd ${where}\n  ${WORKSPACE_TEMPLATES[template].firstRun}\n`);
  return EXIT.ok;
}
