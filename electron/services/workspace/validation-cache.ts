// Validation results remembered by content. Parsing YAML is the slowest part of starting a
// run of a large pipeline, so an unchanged pipeline (and pipewright.yaml) is read back from
// the state database instead of parsed again. Any change to either file, or a rebuilt
// Pipewright, misses the cache.
import { createHash } from 'node:crypto';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { PipelineSpec } from '../../../shared/pipeline/schema.js';
import type { RunStore } from '../store/run-store.js';
import type { PipelineEntry, Workspace } from './workspace.js';
import { storedJson } from '../store/typed-rows.js';
import { VALIDATOR_BUILD } from './validator-build.js';

export interface PipelineValidation {
  spec: PipelineSpec | null;
  problems: Problem[];
}

export function validatePipelineCached(
  workspace: Workspace,
  store: RunStore,
  entry: PipelineEntry,
): PipelineValidation {
  const text = workspace.readPipelineText(entry);
  const key = createHash('sha256')
    .update(`${VALIDATOR_BUILD}\0${workspace.settingsText}\0${entry.file}\0${text}`)
    .digest('hex');
  const known = store.validation(key);
  if (known !== null) return storedJson<PipelineValidation>(known);
  const { spec, problems } = workspace.readPipeline(entry);
  store.putValidation(key, JSON.stringify({ spec, problems }));
  return { spec, problems };
}
