// `pipewright init`: a new workspace from the sample, as a git repository with a first commit.
// It never overwrites a file: if any file of the sample already exists, nothing is written.
// Editors are set up too (schema copies, VS Code's settings merged), so the first commit
// carries the association.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import { initRepositoryWithCommit } from '../git/initial-commit.js';
import { setUpEditors } from './editor-settings.js';
import type { EditorSetting } from './editor-settings.js';
import { WorkspaceError, findWorkspaceRoot } from './workspace.js';

/** Template files stored without their leading dot, so packaging tools do not drop them. */
const DOTFILES: Record<string, string> = { gitignore: '.gitignore' };

export interface CreatedWorkspace {
  root: string;
  files: string[];
  /** The first commit, when a repository was created; null inside an existing repository. */
  commit: string | null;
  /** The editor schemas and settings written (or refused) beside the template's files. */
  editors: EditorSetting[];
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(path).isDirectory() ? templateFiles(path, rel) : [rel];
    });
}

function insideGitRepository(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return true;
    if (dirname(current) === current) return false;
  }
}

export interface CreateOptions {
  /** Make the workspace a repository of its own even inside another one. */
  ownRepository?: boolean;
}

export async function createWorkspace(
  target: string,
  templateDir: string,
  options: CreateOptions = {},
): Promise<CreatedWorkspace> {
  const root = resolve(target);
  const existing = findWorkspaceRoot(root);
  if (existing === root)
    throw new WorkspaceError(`${root} is already a Pipewright workspace (${WORKSPACE_FILE} exists)`);

  const files = templateFiles(templateDir).map((source) => ({
    source,
    target: source
      .split('/')
      .map((part) => DOTFILES[part] ?? part)
      .join('/'),
  }));
  const clashes = files.filter((file) => existsSync(join(root, file.target))).map((file) => file.target);
  if (clashes.length > 0) {
    throw new WorkspaceError(
      `not creating a workspace in ${root}: these files already exist and would be overwritten: ${clashes.join(', ')}`,
    );
  }

  const repository = !options.ownRepository && insideGitRepository(root);
  mkdirSync(root, { recursive: true });
  for (const file of files) {
    mkdirSync(dirname(join(root, file.target)), { recursive: true });
    cpSync(join(templateDir, file.source), join(root, file.target), { errorOnExist: true, force: false });
  }
  const editors = setUpEditors(root);
  const commit = repository ? null : await initRepositoryWithCommit(root, 'Create Pipewright workspace');
  return {
    root,
    files: files.map((file) => relative(root, join(root, file.target)).split('\\').join('/')),
    commit,
    editors,
  };
}
