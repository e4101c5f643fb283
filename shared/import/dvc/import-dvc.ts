// `pipewright import dvc`: a dvc.yaml (with the params files it names) as a Pipewright
// pipeline. Pure: the caller reads files through `readFile`, and validates and writes the result.
// Whatever cannot be carried over is a warning at its line of dvc.yaml; input that cannot be
// imported at all is an error there, and then no pipeline is made. Params files are read,
// never written: a params value a command names becomes a param the command reads through its
// PW_PARAM_* variable; a command that opens the file itself keeps doing so (see README).
import type { FieldPath, Problem } from '../../pipeline/problem.js';
import { sortProblems } from '../../pipeline/problem.js';
import { PARAM_NAME, STEP_ID, paramEnvName } from '../../pipeline/names.js';
import type { PipelineSpec, StepSpec } from '../../pipeline/schema.js';
import { readYamlSource } from '../../pipeline/yaml-source.js';
import type { YamlSource } from '../../pipeline/yaml-source.js';
import { expandStage } from './dvc-expand.js';
import { DvcFieldError } from './dvc-field-error.js';
import { ImportedParams, parseParamsFile } from './dvc-params.js';
import type { ParamsFile } from './dvc-params.js';
import { folderOf, workspacePathOf } from './dvc-paths.js';
import { StageConverter } from './dvc-stage.js';
import { readVars } from './dvc-vars.js';
import { isMapping } from './dvc-values.js';

export interface DvcImportInput {
  /** The dvc.yaml, workspace-relative. */
  dvcFile: string;
  text: string;
  pipelineName: string;
  /** A workspace-relative file's text, or null when there is none. */
  readFile(path: string): string | null;
}

export interface DvcImportResult {
  /** Null when an error stops the import. */
  pipeline: PipelineSpec | null;
  problems: Problem[];
}

const CARRIED_TOP_LEVEL = new Set(['stages', 'vars']);

/** DVC's stage name as a step id: train@us -> train-us, matrix values' dots -> _. */
export function stepIdOf(name: string): string {
  const id = name.replace(/@/g, '-').replace(/[^A-Za-z0-9_-]/g, '_');
  return STEP_ID.test(id) ? id : `_${id}`;
}

function frozenRun(run: string, variable: string, name: string): string {
  const note = `DVC stage ${name} is frozen: its outputs are used as they are (-p ${variable.replace(/^PW_PARAM_/, '').toLowerCase()}=true runs it)`;
  return `if [ "\${${variable}}" = true ]; then\n${run}\nelse\necho '${note.replace(/'/g, '')}'\nfi`;
}

class DvcImport {
  readonly problems: Problem[] = [];
  private readonly source: YamlSource;
  private readonly dvcDir: string;
  private readonly paramsFiles = new Map<string, ParamsFile>();
  private readonly origins = new Map<string, ParamsFile>();
  private readonly context: Record<string, unknown> = {};
  private readonly params = new ImportedParams();

  constructor(private readonly input: DvcImportInput) {
    this.source = readYamlSource(input.dvcFile, input.text);
    this.dvcDir = folderOf(input.dvcFile);
  }

  private report(
    severity: Problem['severity'],
    path: FieldPath,
    message: string,
    target: 'key' | 'value' = 'value',
  ): void {
    this.problems.push({
      severity,
      code: severity === 'error' ? 'dvc-import' : 'dvc-not-carried-over',
      message,
      file: this.input.dvcFile,
      path,
      ...this.source.locate(path, target),
    });
  }

  /** A params file the input names: it must exist. */
  private paramsFile(path: string, at: FieldPath): ParamsFile {
    const file = this.optionalParamsFile(path, at);
    if (!file) throw new DvcFieldError(at, `the params file ${path} does not exist`);
    return file;
  }

  private optionalParamsFile(path: string, at: FieldPath): ParamsFile | undefined {
    const known = this.paramsFiles.get(path);
    if (known) return known;
    const text = this.input.readFile(path);
    if (text === null) return undefined;
    const parsed = parseParamsFile(path, text);
    if (typeof parsed === 'string') throw new DvcFieldError(at, parsed);
    this.paramsFiles.set(path, parsed);
    return parsed;
  }

  /** params.yaml beside dvc.yaml, then each top-level `vars` entry. */
  private readContext(vars: unknown): void {
    const defaults = this.optionalParamsFile(workspacePathOf(this.dvcDir, 'params.yaml', []), []);
    if (defaults) this.merge(defaults.data, defaults);
    for (const layer of readVars(vars, ['vars'], this.dvcDir, (path, at) => this.paramsFile(path, at)))
      this.merge(layer.values, layer.origin);
  }

  private merge(values: Record<string, unknown>, origin: ParamsFile | undefined): void {
    for (const [key, value] of Object.entries(values)) {
      this.context[key] = value;
      if (origin) this.origins.set(key, origin);
      else this.origins.delete(key);
    }
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof DvcFieldError)) throw error;
      this.report('error', error.path, error.message);
    }
  }

  run(): PipelineSpec | null {
    if (this.source.syntaxProblems.length > 0) {
      this.problems.push(...this.source.syntaxProblems);
      return null;
    }
    const data = this.source.data;
    if (!isMapping(data)) {
      this.report('error', [], 'dvc.yaml must be a mapping with a "stages" mapping');
      return null;
    }
    const top = data;
    for (const key of Object.keys(top).filter((name) => !CARRIED_TOP_LEVEL.has(name))) {
      this.report(
        'warning',
        [key],
        `the top-level "${key}" section is not carried over (only stages and vars are)`,
        'key',
      );
    }
    const stages = top.stages;
    if (stages === null || typeof stages !== 'object' || Array.isArray(stages) || Object.keys(stages).length === 0) {
      this.report(
        'error',
        stages === undefined ? [] : ['stages'],
        'dvc.yaml needs a "stages" mapping with at least one stage',
      );
      return null;
    }
    this.guard(() => this.readContext(top.vars));
    if (this.problems.some((problem) => problem.severity === 'error')) return null;

    const steps: Record<string, StepSpec> = {};
    for (const [name, stage] of Object.entries(stages)) this.guard(() => this.addStage(name, stage, steps));
    if (this.problems.some((problem) => problem.severity === 'error')) return null;
    return {
      version: 1,
      name: this.input.pipelineName,
      description: `Imported from ${this.input.dvcFile} by pipewright import dvc`,
      ...(Object.keys(this.params.specs).length > 0 ? { params: this.params.specs } : {}),
      steps,
    };
  }

  private addStage(name: string, stage: unknown, steps: Record<string, StepSpec>): void {
    const instances = expandStage(name, stage, this.context);
    // expandStage refused anything but a mapping.
    const fields = isMapping(stage) ? stage : {};
    const fromParams =
      typeof fields.foreach === 'string' || Object.values(fields.matrix ?? {}).some((axis) => typeof axis === 'string');
    if (fromParams)
      this.report(
        'warning',
        ['stages', name],
        `${name} is expanded with the values its foreach/matrix reads now: import again after they change`,
        'key',
      );
    for (const instance of instances) {
      this.guard(() => {
        const scope = {
          dvcDir: this.dvcDir,
          context: this.context,
          originOf: (key: string) => this.origins.get(key),
          loadParamsFile: (path: string, at: FieldPath) => this.paramsFile(path, at),
          params: this.params,
          warn: (at: FieldPath, message: string, target?: 'key' | 'value') =>
            this.report('warning', at, message, target),
        };
        const { step, frozen } = new StageConverter(instance, scope).convert();
        let id = stepIdOf(instance.name);
        for (let suffix = 2; steps[id] !== undefined; suffix += 1) id = `${stepIdOf(instance.name)}_${suffix}`;
        if (id !== stepIdOf(instance.name))
          this.report(
            'warning',
            instance.at,
            `stage ${instance.name} became step ${id}: ${stepIdOf(instance.name)} was taken`,
            'key',
          );
        if (frozen) {
          const param = `unfreeze_${id.replace(/-/g, '_')}`;
          const paramName = PARAM_NAME.test(param) ? param : `_${param}`;
          this.params.specs[paramName] = {
            type: 'boolean',
            default: false,
            description: `Run the frozen DVC stage ${instance.name}`,
          };
          step.run = frozenRun(step.run, paramEnvName(paramName), instance.name);
          this.report(
            'warning',
            [...instance.at, 'frozen'],
            `${instance.name} is frozen: step ${id} keeps its outputs as they are unless a run sets ${paramName}=true`,
            'key',
          );
        }
        steps[id] = step;
      });
    }
  }
}

export function importDvcPipeline(input: DvcImportInput): DvcImportResult {
  const job = new DvcImport(input);
  const pipeline = job.run();
  return { pipeline, problems: sortProblems(job.problems) };
}
