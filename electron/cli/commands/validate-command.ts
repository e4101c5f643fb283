// `pipewright validate [PATH]`: checks one pipeline file, or a whole workspace (its settings
// and every pipeline), and prints each problem with its file, line, column and field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { hasErrors } from '../../../shared/pipeline/problem.js';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { findWorkspaceRoot } from '../../services/workspace/workspace.js';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { formatProblems } from '../output/problems-output.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';
import { notebookFileProblems } from '../../services/workspace/notebook-file-problems.js';

export interface ValidateOptions {
  json?: boolean;
}

interface ValidationReport {
  files: string[];
  problems: Problem[];
}

export function validateCommand(path: string | undefined, options: ValidateOptions, io: CliIO): number {
  const target = path === undefined ? undefined : resolve(io.cwd, path);
  if (target !== undefined && !existsSync(target)) throw new UsageError(`${path ?? ''}: no such file or folder`);
  const report =
    path !== undefined && target !== undefined && statSync(target).isFile()
      ? validateFile(io, target, path)
      : validateWorkspace(io, path);

  const errors = report.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = report.problems.length - errors;
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ valid: errors === 0, files: report.files, problems: report.problems }, null, 2)}\n`,
    );
  } else {
    const style = stylerFor(io.stdout);
    if (report.problems.length > 0) io.stdout.write(`${formatProblems(report.problems, style)}\n`);
    const summary = `${report.files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`;
    io.stdout.write(`${errors === 0 ? style('green', `✓ ${summary}`) : style('red', `✗ ${summary}`)}\n`);
  }
  return hasErrors(report.problems) ? EXIT.usage : EXIT.ok;
}

function validateWorkspace(io: CliIO, path: string | undefined): ValidationReport {
  const workspace = openWorkspaceFor({ ...io, ...(path !== undefined ? { workspace: path } : {}) });
  const problems = [...workspace.settings.problems];
  const files = [WORKSPACE_FILE];
  for (const entry of workspace.listPipelines()) {
    files.push(entry.file);
    const validated = workspace.readPipeline(entry);
    problems.push(...validated.problems, ...notebookFileProblems(workspace.root, validated));
  }
  return { files, problems };
}

/** One file; checked against its workspace's environments when it is inside one. */
function validateFile(io: CliIO, file: string, shown: string): ValidationReport {
  if (basename(file) === WORKSPACE_FILE) return validateWorkspace(io, resolve(file, '..'));
  if (findWorkspaceRoot(resolve(file, '..')) === null) {
    return { files: [shown], problems: validatePipelineText(shown, readFileSync(file, 'utf8')).problems };
  }
  const workspace = openWorkspaceFor(io, file);
  const entry = workspace.resolvePipeline(file, io.cwd);
  const validated = workspace.readPipeline(entry);
  return {
    files: [entry.file],
    problems: [
      ...workspace.settings.problems,
      ...validated.problems,
      ...notebookFileProblems(workspace.root, validated),
    ],
  };
}
