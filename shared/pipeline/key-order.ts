// The usual order of a pipeline file's keys, as the file format declares them, so the YAML
// writer puts a key the canvas adds where a person would write it (description under name,
// params before steps, needs after outputs) instead of at the end of the map.
import type { KeyOrder } from '../yaml/patch-yaml.js';
import { ParamSchema, PipelineFileSchema, StepSchema } from './schema.js';

const PIPELINE_KEYS = Object.keys(PipelineFileSchema.shape);
const STEP_KEYS = Object.keys(StepSchema.shape);
const PARAM_KEYS = Object.keys(ParamSchema.shape);

export const pipelineKeyOrder: KeyOrder = (path) => {
  if (path.length === 0) return PIPELINE_KEYS;
  if (path.length === 2 && path[0] === 'steps') return STEP_KEYS;
  if (path.length === 2 && path[0] === 'params') return PARAM_KEYS;
  return undefined;
};
