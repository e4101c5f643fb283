// Editors people already use get the help the canvas gives: the workspace keeps a copy of the
// JSON Schemas under .pipewright/schema/ and VS Code's workspace settings associate them with
// the pipeline files and pipewright.yaml (the YAML extension's `yaml.schemas`). The settings file
// is the user's: it is JSONC, so it is edited in place (comments, order and other keys kept),
// never replaced, never written through a link, and left alone when it does not parse.
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// A CommonJS (UMD) package: its default export is the module, in Node and in the bundle.
import jsonc from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { jsonSchemaFor } from '../../../shared/pipeline/json-schema.js';
import { SCHEMA_GLOBS, SCHEMA_KINDS, schemaCopyPath } from '../../../shared/pipeline/editor-schemas.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { UnsafePathError } from '../files/contained-path.js';
import { linkFreePath } from '../files/link-free-path.js';

const { applyEdits, modify, parse, printParseErrorCode } = jsonc;

export const VSCODE_SETTINGS = '.vscode/settings.json';
const YAML_SCHEMAS = 'yaml.schemas';
/** A JSON object (not an array, not null): what a settings file and its `yaml.schemas` must be. */
const JSON_OBJECT = z.record(z.string(), z.unknown());

export interface EditorSetting {
  /** The workspace-relative file. */
  file: string;
  outcome: 'created' | 'merged' | 'unchanged' | 'refused';
  /** Why a file was left alone. */
  reason?: string;
}

/** A path inside the workspace that is not a link (nor reached through one), else why not. */
function writablePlace(root: string, path: string): { absolute: string } | { refused: string } {
  try {
    return { absolute: linkFreePath(root, path, path) };
  } catch (error) {
    if (error instanceof UnsafePathError) return { refused: error.message };
    throw error;
  }
}

/** Writes the schema copies that differ from this version's schemas. */
export function writeSchemaCopies(root: string): EditorSetting[] {
  return SCHEMA_KINDS.map((kind) => {
    const file = schemaCopyPath(kind);
    const place = writablePlace(root, file);
    if ('refused' in place) return { file, outcome: 'refused', reason: place.refused };
    const text = `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
    const before = lstatSync(place.absolute, { throwIfNoEntry: false }) ? readFileSync(place.absolute, 'utf8') : null;
    if (before === text) return { file, outcome: 'unchanged' };
    mkdirSync(dirname(place.absolute), { recursive: true });
    writeFileAtomic(place.absolute, text);
    return { file, outcome: before === null ? 'created' : 'merged' };
  });
}

function describeErrors(text: string, errors: ParseError[]): string {
  const [first] = errors;
  if (!first) return '';
  const line = text.slice(0, first.offset).split('\n').length;
  return `line ${line}: ${printParseErrorCode(first.error)}`;
}

/** The `yaml.schemas` entries Pipewright adds: `./`-relative, which the YAML extension resolves from the workspace folder. */
function wantedAssociations(): Array<[string, string[]]> {
  return SCHEMA_KINDS.map((kind) => [`./${schemaCopyPath(kind)}`, SCHEMA_GLOBS[kind]]);
}

/** Adds the schema associations to .vscode/settings.json, keeping everything the user has there. */
export function associateVsCode(root: string): EditorSetting {
  const file = VSCODE_SETTINGS;
  const place = writablePlace(root, file);
  if ('refused' in place) return { file, outcome: 'refused', reason: place.refused };
  const exists = lstatSync(place.absolute, { throwIfNoEntry: false }) !== undefined;
  let text = exists ? readFileSync(place.absolute, 'utf8') : '{}\n';
  const errors: ParseError[] = [];
  const settings = JSON_OBJECT.safeParse(parse(text, errors, { allowTrailingComma: true }));
  if (errors.length > 0 || !settings.success)
    return {
      file,
      outcome: 'refused',
      reason: `${file} is not valid JSON with comments (${describeErrors(text, errors) || 'not an object'}); left as it is`,
    };
  const current = JSON_OBJECT.optional().safeParse(settings.data[YAML_SCHEMAS]);
  if (!current.success)
    return { file, outcome: 'refused', reason: `${file}: "${YAML_SCHEMAS}" is not an object; left as it is` };
  const existing = current.data ?? {};
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };
  let changed = false;
  for (const [schema, globs] of wantedAssociations()) {
    if (JSON.stringify(existing[schema]) === JSON.stringify(globs)) continue;
    text = applyEdits(text, modify(text, [YAML_SCHEMAS, schema], globs, { formattingOptions }));
    changed = true;
  }
  if (!changed) return { file, outcome: 'unchanged' };
  mkdirSync(dirname(place.absolute), { recursive: true });
  writeFileAtomic(place.absolute, text.endsWith('\n') ? text : `${text}\n`);
  return { file, outcome: exists ? 'merged' : 'created' };
}

/** The schema copies and the VS Code association, as `pipewright init` and the studio make them. */
export function setUpEditors(root: string): EditorSetting[] {
  return [...writeSchemaCopies(root), associateVsCode(root)];
}

/**
 * What the studio does when it opens a workspace: refreshes the schema copies, and associates
 * them in VS Code's settings once, the first time the copies appear (a new clone, a workspace
 * `init` did not make), so removing the association later is respected. Only where the folder
 * already has a .vscode/ folder: elsewhere a new untracked file would appear in the user's git
 * status just for opening the workspace. Returns what was refused.
 */
export function refreshEditorSchemas(root: string): EditorSetting[] {
  const copies = writeSchemaCopies(root);
  const first = copies.every((copy) => copy.outcome === 'created');
  const usesVsCode = lstatSync(join(root, '.vscode'), { throwIfNoEntry: false })?.isDirectory() === true;
  const settings = first && usesVsCode ? [associateVsCode(root)] : [];
  return [...copies, ...settings].filter((setting) => setting.outcome === 'refused');
}
