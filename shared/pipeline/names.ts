// Naming rules shared by the schema, the engine and the canvas. Step ids end up in file
// names and environment variables, so they are kept to a portable alphabet.

export const STEP_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENVIRONMENT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const PIPELINE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export const PIPELINE_FILE_SUFFIX = '.pipeline.yaml';
export const LAYOUT_FILE_SUFFIX = '.layout.json';
export const WORKSPACE_FILE = 'pipewright.yaml';
export const PIPELINES_DIR = 'pipelines';
export const STATE_DIR = '.pipewright';

/** The environment variable a param reaches a step as: sample_fraction -> PW_PARAM_SAMPLE_FRACTION. */
export function paramEnvName(param: string): string {
  return `PW_PARAM_${param.toUpperCase()}`;
}

export function pipelineFileName(name: string): string {
  return `${PIPELINES_DIR}/${name}${PIPELINE_FILE_SUFFIX}`;
}

/** The layout sidecar of a pipeline: node positions, kept apart from the pipeline file. */
export function layoutFileName(name: string): string {
  return `${PIPELINES_DIR}/${name}${LAYOUT_FILE_SUFFIX}`;
}

/** The pipeline name a file path stands for, or null when it is not a pipeline file. */
export function pipelineNameOfFile(path: string): string | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base.endsWith(PIPELINE_FILE_SUFFIX) ? base.slice(0, -PIPELINE_FILE_SUFFIX.length) : null;
}
