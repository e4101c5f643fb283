// `pipewright import dvc [DIR]`: a DVC pipeline (dvc.yaml) as a Pipewright pipeline file.
import { resolve } from 'node:path';
import { DvcImportError, importDvcIntoWorkspace } from '../../services/import/dvc-import.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { formatProblems } from '../output/problems-output.js';
import { stylerFor } from '../output/terminal-style.js';
import { openWorkspaceFor } from './open-workspace.js';

export interface ImportDvcOptions {
  name?: string;
  force?: boolean;
  json?: boolean;
}

export function importDvcCommand(dir: string | undefined, options: ImportDvcOptions, io: CliIO): number {
  const workspace = openWorkspaceFor(io, dir);
  const folder = dir === undefined ? (io.workspace !== undefined ? workspace.root : io.cwd) : resolve(io.cwd, dir);
  let outcome;
  try {
    outcome = importDvcIntoWorkspace(workspace, {
      dir: folder,
      ...(options.name !== undefined ? { name: options.name } : {}),
      force: options.force ?? false,
    });
  } catch (error) {
    if (error instanceof DvcImportError) throw new UsageError(error.message, error.problems);
    throw error;
  }
  const steps = Object.keys(outcome.pipeline.steps);
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ file: outcome.file, pipeline: outcome.pipeline.name, steps, params: Object.keys(outcome.pipeline.params ?? {}), warnings: outcome.warnings }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const style = stylerFor(io.stdout);
  if (outcome.warnings.length > 0) io.stdout.write(`${formatProblems(outcome.warnings, style)}\n`);
  io.stdout.write(
    `${style('green', '✓')} wrote ${outcome.file}: ${steps.length} step(s), ${Object.keys(outcome.pipeline.params ?? {}).length} param(s), ${outcome.warnings.length} thing(s) not carried over\n`,
  );
  io.stdout.write(`\nnext:\n  pipewright run ${outcome.pipeline.name}\n`);
  return EXIT.ok;
}
