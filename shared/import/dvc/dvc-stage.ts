// One DVC stage (after foreach/matrix expansion) as a Pipewright step. Params the command
// names through ${...} become shell expansions of the step's PW_PARAM_* variables, so a run
// override reaches the command exactly where DVC pasted the value.
import type { FieldPath } from '../../pipeline/problem.js';
import { paramEnvName } from '../../pipeline/names.js';
import type { StepSpec } from '../../pipeline/schema.js';
import type { StageInstance } from './dvc-expand.js';
import { DvcFieldError } from './dvc-field-error.js';
import type { ImportedParams, ParamsFile } from './dvc-params.js';
import { shellWord, stageFolder, workspacePathOf } from './dvc-paths.js';
import { readVars } from './dvc-vars.js';
import {
  DvcTemplateError,
  interpolateText,
  keyOf,
  lookUp,
  quotedExpansion,
  resolveValue,
  rootOf,
  shellQuotingAtEnd,
} from './dvc-template.js';
import type { DvcContext } from './dvc-template.js';
import { isParamValue } from './dvc-values.js';

export interface StageScope {
  dvcDir: string;
  context: DvcContext;
  /** The params file a top-level context name was read from; undefined for literal values. */
  originOf(name: string): ParamsFile | undefined;
  loadParamsFile(path: string, at: FieldPath): ParamsFile;
  params: ImportedParams;
  /** `key`: point at the field's name (an option whose value says little), not its value. */
  warn(at: FieldPath, message: string, target?: 'key' | 'value'): void;
}

const STAGE_FIELDS = new Set([
  'cmd',
  'wdir',
  'deps',
  'params',
  'outs',
  'metrics',
  'plots',
  'frozen',
  'always_changed',
  'desc',
  'meta',
  'vars',
]);
const OUTPUT_FIELDS = ['outs', 'metrics', 'plots'] as const;

function templated<T>(at: FieldPath, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DvcTemplateError) throw new DvcFieldError(at, error.message);
    throw error;
  }
}

function textField(value: unknown, at: FieldPath, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new DvcFieldError(at, `${what} must be text`);
}

function listField(value: unknown, at: FieldPath, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DvcFieldError(at, `${field} must be a list`);
  return value;
}

/** Each DVC command runs in its own shell in the stage's folder; && stops at the first failure. */
function joinCommands(commands: string[], folder: string): string {
  const grouped = commands.length > 1 || folder !== '';
  const parts = commands.map((command) => {
    if (!grouped || !/[;&|#\n()]/.test(command)) return command;
    return /[#\n]/.test(command) ? `(\n${command}\n)` : `( ${command} )`;
  });
  return [...(folder === '' ? [] : [`cd ${shellWord(folder)}`]), ...parts].join(' && ');
}

export class StageConverter {
  private readonly inputs: string[] = [];
  private readonly outputs: string[] = [];
  private readonly metrics: string[] = [];
  private readonly paramsFiles = new Set<string>();
  /** The stage's own vars: its values, and the file each came from (undefined: literal). */
  private readonly stageValues: Record<string, unknown> = {};
  private readonly stageOrigins = new Map<string, ParamsFile | undefined>();

  constructor(
    private readonly instance: StageInstance,
    private readonly scope: StageScope,
  ) {}

  private at(...path: FieldPath): FieldPath {
    return [...this.instance.at, ...path];
  }

  private get context(): DvcContext {
    return { ...this.scope.context, ...this.stageValues, ...this.instance.bindings };
  }

  private resolve(field: string, value: unknown): unknown {
    return templated(this.at(field), () => resolveValue(value, this.context));
  }

  /** A DVC stage always becomes a command step (never a notebook step): its run is there. */
  convert(): { step: StepSpec & { run: string }; frozen: boolean } {
    const definition = this.instance.definition;
    for (const key of Object.keys(definition)) {
      if (!STAGE_FIELDS.has(key))
        throw new DvcFieldError(
          this.at(key),
          `"${key}" is not a field of a DVC stage (${[...STAGE_FIELDS].join(', ')})`,
        );
    }
    const wdir =
      definition.wdir === undefined
        ? undefined
        : textField(this.resolve('wdir', definition.wdir), this.at('wdir'), 'wdir');
    const folder = stageFolder(this.scope.dvcDir, wdir, this.at('wdir'));
    // A stage's vars files are relative to its folder, as DVC reads them.
    for (const layer of readVars(definition.vars, this.at('vars'), folder, (path, at) =>
      this.scope.loadParamsFile(path, at),
    )) {
      for (const [key, value] of Object.entries(layer.values)) {
        this.stageValues[key] = value;
        this.stageOrigins.set(key, layer.origin);
      }
    }
    const commands = this.commands(definition.cmd);

    listField(this.resolve('deps', definition.deps), this.at('deps'), 'deps').forEach((dep, index) => {
      const path = textField(dep, this.at('deps', index), 'a dep');
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
        this.scope.warn(
          this.at('deps', index),
          `"${path}" is not a file of the workspace: the step does not declare it (fetch it in the command or add it to the workspace)`,
        );
        return;
      }
      this.addInput(workspacePathOf(folder, path, this.at('deps', index)));
    });
    this.readParams(definition.params, folder);
    for (const field of OUTPUT_FIELDS) this.readOutputs(field, definition[field], folder);

    const desc =
      definition.desc === undefined
        ? undefined
        : textField(this.resolve('desc', definition.desc), this.at('desc'), 'desc');
    const step: StepSpec & { run: string } = {
      description: desc === undefined ? `DVC stage ${this.instance.name}` : `${desc} (DVC stage ${this.instance.name})`,
      run: joinCommands(commands, folder),
    };
    for (const file of this.paramsFiles) this.addInput(file);
    if (this.inputs.length > 0) step.inputs = this.inputs;
    if (this.outputs.length > 0) step.outputs = this.outputs;
    if (this.metrics.length > 0) step.metrics = this.metrics;
    // DVC's always_changed runs the stage every time: Pipewright's cache: false.
    if (definition.always_changed === true) step.cache = false;
    if (definition.meta !== undefined)
      this.scope.warn(this.at('meta'), 'meta is information for people and tools, not carried over');
    return { step, frozen: definition.frozen === true };
  }

  private addInput(path: string): void {
    if (!this.inputs.includes(path)) this.inputs.push(path);
  }

  private commands(cmd: unknown): string[] {
    if (cmd === undefined || cmd === null) throw new DvcFieldError(this.at(), `stage ${this.instance.name} has no cmd`);
    const list = Array.isArray(cmd) ? cmd : [cmd];
    if (list.length === 0) throw new DvcFieldError(this.at('cmd'), 'cmd is an empty list');
    return list.map((command, index) => {
      const at = Array.isArray(cmd) ? this.at('cmd', index) : this.at('cmd');
      const text = textField(command, at, 'cmd');
      if (text.trim() === '') throw new DvcFieldError(at, 'cmd is empty');
      return templated(at, () =>
        interpolateText(text, this.context, (expression, value, before) =>
          this.paramReference(expression, value, before),
        ),
      );
    });
  }

  /** A params-file value in the command: the param's variable, so a run override reaches it. */
  private paramReference(expression: string, value: unknown, before: string): string | undefined {
    const root = rootOf(expression);
    const origin = Object.hasOwn(this.instance.bindings, root)
      ? undefined
      : this.stageOrigins.has(root)
        ? this.stageOrigins.get(root)
        : this.scope.originOf(root);
    if (origin === undefined || !isParamValue(value)) return undefined;
    const name = this.scope.params.declareValue(origin, keyOf(expression), value);
    this.paramsFiles.add(origin.file);
    return quotedExpansion(paramEnvName(name), shellQuotingAtEnd(before));
  }

  private readParams(raw: unknown, folder: string): void {
    const entries = listField(this.resolve('params', raw), this.at('params'), 'params');
    const declared: string[] = [];
    const read = (file: ParamsFile, key: string, at: FieldPath) => {
      let value: unknown;
      try {
        value = lookUp(file.data, key);
      } catch {
        throw new DvcFieldError(at, `${file.file} has no "${key}"`);
      }
      const { names, skipped } = this.scope.params.declare(file, key, value);
      declared.push(...names);
      for (const list of skipped)
        this.scope.warn(
          at,
          `${list} in ${file.file} is a list or empty: not a Pipewright param (the stage still reads it from the file)`,
        );
      this.paramsFiles.add(file.file);
    };
    entries.forEach((entry, index) => {
      const at = this.at('params', index);
      if (typeof entry === 'string') {
        read(this.scope.loadParamsFile(workspacePathOf(folder, 'params.yaml', at), at), entry, at);
        return;
      }
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
        throw new DvcFieldError(at, 'a params entry is a key of params.yaml or a mapping of a params file to its keys');
      for (const [path, keys] of Object.entries(entry)) {
        const file = this.scope.loadParamsFile(workspacePathOf(folder, path, [...at, path]), [...at, path]);
        const wanted =
          keys === null || (Array.isArray(keys) && keys.length === 0)
            ? Object.keys(file.data)
            : listField(keys, [...at, path], `the keys of ${path}`);
        wanted.forEach((key, keyIndex) =>
          read(file, textField(key, [...at, path, keyIndex], 'a params key'), [...at, path, keyIndex]),
        );
      }
    });
    if (entries.length > 0) {
      this.scope.warn(
        this.at('params'),
        `the command reads ${[...this.paramsFiles].join(', ')} itself: a run override of ${declared.join(', ') || 'these params'} reaches it only as PW_PARAM_* variables and the PW_PARAMS_FILE, never by rewriting the file`,
      );
    }
  }

  private readOutputs(field: (typeof OUTPUT_FIELDS)[number], raw: unknown, folder: string): void {
    listField(raw, this.at(field), field).forEach((entry, index) => {
      const at = this.at(field, index);
      let path: string;
      if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
        const [only, ...rest] = Object.entries(entry);
        if (only === undefined || rest.length > 0)
          throw new DvcFieldError(at, `an entry of ${field} is a path, or one path with its options`);
        path = textField(
          templated(at, () => interpolateText(only[0], this.context)),
          at,
          'a path',
        );
        const options = only[1] ?? {};
        if (typeof options !== 'object' || Array.isArray(options))
          throw new DvcFieldError([...at, only[0]], `the options of ${path} must be a mapping`);
        for (const [option, value] of Object.entries(options))
          this.scope.warn([...at, only[0], option], optionWarning(field, path, option, value), 'key');
      } else {
        path = textField(this.resolve(field, entry), at, 'a path');
      }
      const workspacePath = workspacePathOf(folder, path, at);
      if (!this.outputs.includes(workspacePath)) this.outputs.push(workspacePath);
      if (field !== 'metrics') return;
      if (/\.json$/i.test(workspacePath)) this.metrics.push(workspacePath);
      else
        this.scope.warn(
          at,
          `metrics file ${path} is not JSON: kept as an output, not tracked as metrics (Pipewright reads JSON metrics)`,
        );
    });
  }
}

function optionWarning(field: string, path: string, option: string, value: unknown): string {
  const shown = `${option}: ${JSON.stringify(value)}`;
  if (option === 'cache' && value === false)
    return `${path}: ${shown} (DVC keeps it in git, not in its cache) is not carried over: Pipewright stores every output the same way; commit the file if it belongs in git`;
  if (option === 'persist') return `${path}: ${shown} is not carried over: Pipewright has no such setting`;
  if (field === 'plots') return `${path}: ${shown} is a plot display setting, not carried over`;
  return `${path}: ${shown} is not carried over`;
}
