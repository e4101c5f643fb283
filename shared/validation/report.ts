// How a check tells what it found: a field path, a code and a sentence. The validator turns
// each report into a Problem with the file's line and column (validate.ts).
import type { FieldPath } from '../pipeline/problem.js';
import type { YamlSource } from '../pipeline/yaml-source.js';

export type Report = (
  path: FieldPath,
  code: string,
  message: string,
  extra?: { hint?: string; target?: 'key' | 'value'; severity?: 'warning'; at?: YamlSource },
) => void;

/** What the checks of pipewright.yaml's journeys report: always errors, always in pipewright.yaml. */
export type JourneyReport = (
  path: FieldPath,
  code: string,
  message: string,
  extra?: { hint?: string; target?: 'key' | 'value' },
) => void;
