// Where an output file came from: the step and run that wrote it, the files it read (with their
// content hashes) and the params it saw, traced back to raw inputs, the files no step wrote.
import type { ParamValue } from '../pipeline/schema.js';

export interface LineageFile {
  path: string;
  /** sha256 of the file's bytes (dir:<sha256> for a folder). */
  hash: string;
}

/** One step of one run in the chain. */
export interface LineageStep {
  runId: string;
  stepId: string;
  /** The run whose execution wrote the outputs: this run, or the one a cached step reused. */
  madeByRun: string;
  params: Record<string, ParamValue>;
  outputs: LineageFile[];
  inputs: LineageInput[];
}

/**
 * An input of a step: `made` by an earlier step (traced further in `from`), `raw` when no step
 * of any recorded run wrote that path, or `changed` when steps wrote the path but none with
 * these contents (edited by hand since).
 */
export interface LineageInput extends LineageFile {
  origin: 'made' | 'raw' | 'changed';
  /** The step that wrote these contents; null for raw and changed inputs, or when shown above already (`repeated`). */
  from: LineageStep | null;
  /** The same step already appears earlier in the chain (a diamond in the DAG): not expanded twice. */
  repeated: { runId: string; stepId: string } | null;
}

export interface LineageTrace {
  /** The file asked about, as the step recorded it. */
  file: LineageFile;
  /** The step that wrote it, with everything upstream. */
  step: LineageStep;
  /** The files at the roots: inputs no step wrote. */
  rawInputs: LineageFile[];
}
