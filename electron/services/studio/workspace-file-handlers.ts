// Files the studio writes for a new pipeline besides the pipeline itself: its outputs added to
// .gitignore (asked once per workspace, for a pipeline git does not know yet; the answer kept
// in pipewright.yaml and applied to every pipeline saved after) and a starter
// script for a step whose command names a script that does not exist yet. Both stay inside
// the workspace, never write through a link and never overwrite what is there.
import * as fs from 'node:fs';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { parseDocument } from 'yaml';
import { normalizeWorkspacePath, reservedPlace } from '../../../shared/pipeline/workspace-paths.js';
import type { Channel } from '../../../shared/ipc/contract.js';
import { ContractError } from '../../../shared/ipc/envelope.js';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import { languageOfScript, starterScript } from '../../../shared/pipeline/starter-script.js';
import { patchYaml } from '../../../shared/yaml/patch-yaml.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { UnsafePathError, containedEntry } from '../files/contained-path.js';
import { GitignoreError, addOutputsToGitignore, unignoredOutputs } from '../workspace/output-ignores.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ContractHandlers } from './contract-dispatcher.js';
import { errorCode } from '../../../shared/text/error-message.js';
import { mapOf } from '../../../shared/git/plain-data.js';

type WorkspaceFileChannel = Extract<Channel, 'pipeline:ignore-outputs' | 'script:create'>;

export function workspaceFileHandlers(workspace: () => Workspace): Pick<ContractHandlers, WorkspaceFileChannel> {
  return {
    'pipeline:ignore-outputs': async ({ name, answer }) => {
      const root = workspace().root;
      if (!existsSync(join(root, '.git'))) return { decision: 'none', missing: [], added: [] };
      if (answer !== undefined) rememberAnswer(workspace(), answer);
      const { outputs, file } = outputsOf(workspace(), name);
      const missing = unignoredOutputs(root, outputs);
      const setting = workspace().settings.spec?.gitignore_outputs;
      if (missing.length === 0 || setting === false)
        return { decision: setting === false ? 'no' : 'yes', missing, added: [] };
      // The question comes with a new pipeline; one git already has was set up before it.
      if (setting === undefined)
        return { decision: (await committed(root, file)) ? 'none' : 'ask', missing, added: [] };
      try {
        return { decision: 'yes', missing, added: addOutputsToGitignore(root, missing) };
      } catch (error) {
        if (error instanceof GitignoreError) throw new ContractError('invalid-file', error.message);
        throw error;
      }
    },
    'script:create': ({ path: raw, create }) => {
      const path = normalizeWorkspacePath(raw);
      if (path === null)
        throw new ContractError(
          'invalid-request',
          `"${raw}" leaves the workspace: a step's script is created only inside it`,
        );
      const reserved = reservedPlace(path);
      if (reserved !== null) throw new ContractError('invalid-request', `"${path}" ${reserved}`);
      const language = languageOfScript(path);
      if (language === null)
        throw new ContractError(
          'invalid-request',
          `"${path}" is not a script Pipewright has a starter for (.py, .mjs, .js, .sql, .sh, .r)`,
        );
      const entry = contained(workspace().root, path);
      if (entry.kind !== 'missing' || !create) return { path, exists: entry.kind !== 'missing', created: false };
      mkdirSync(dirname(entry.absolute), { recursive: true });
      return {
        path,
        exists: true,
        created: createOnce(entry.absolute, starterScript(language, basename(path).replace(/\.[^.]+$/, ''))),
      };
    },
  };
}

/** The declared outputs of a pipeline's steps, as workspace paths, and the pipeline's file. */
function outputsOf(workspace: Workspace, name: string): { outputs: string[]; file: string } {
  const entry = workspace.listPipelines().find((candidate) => candidate.name === name);
  if (!entry) throw new ContractError('not-found', `there is no pipeline named "${name}"`);
  const steps = workspace.readPipeline(entry).spec?.steps ?? {};
  return {
    outputs: Object.values(steps)
      .flatMap((step) => step.outputs ?? [])
      .flatMap((output) => normalizeWorkspacePath(output) ?? []),
    file: entry.file,
  };
}

/** Whether the file is in the commit HEAD names (a repository without commits has none). */
async function committed(root: string, file: string): Promise<boolean> {
  try {
    const head = await git.resolveRef({ fs, dir: root, ref: 'HEAD' });
    await git.readBlob({ fs, dir: root, oid: head, filepath: file });
    return true;
  } catch {
    return false;
  }
}

/** gitignore_outputs in pipewright.yaml, written with the comment-keeping writer and never through a link. */
function rememberAnswer(workspace: Workspace, answer: boolean): void {
  const path = join(workspace.root, WORKSPACE_FILE);
  if (lstatSync(path).isSymbolicLink())
    throw new ContractError(
      'invalid-file',
      `${WORKSPACE_FILE} is a link: Pipewright does not write through links; set gitignore_outputs: ${answer} in it yourself`,
    );
  const text = readFileSync(path, 'utf8');
  const document = parseDocument(text);
  if (document.errors.length > 0)
    throw new ContractError('invalid-file', `${WORKSPACE_FILE} is not valid YAML, so the answer was not written to it`);
  const data = mapOf(document.toJS());
  writeFileAtomic(path, patchYaml(text, { ...data, gitignore_outputs: answer }));
  workspace.reloadSettings();
}

/** Writes a new file whole or not at all, and never over one that appeared meanwhile (link fails on EEXIST). */
function createOnce(absolute: string, text: string): boolean {
  const temporary = join(dirname(absolute), `.${basename(absolute)}.new`);
  writeFileAtomic(temporary, text);
  try {
    linkSync(temporary, absolute);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function contained(root: string, path: string): ReturnType<typeof containedEntry> {
  try {
    return containedEntry(root, path, path);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new ContractError('invalid-request', error.message);
    throw error;
  }
}
