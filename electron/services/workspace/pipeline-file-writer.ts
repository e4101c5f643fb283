// Saving a pipeline file: the change is applied to what is on disk now, through the
// comment-keeping editor, and written atomically. A file that is not valid YAML on disk is
// never overwritten: the caller gets an error and the user's text stays as it is.
import { readFileSync } from 'node:fs';
import { editPipelineText } from '../../../shared/pipeline/edit-pipeline.js';
import type { PipelineSpec } from '../../../shared/pipeline/schema.js';
import { writeFileAtomic } from '../files/atomic-write.js';

export function updatePipelineFile(path: string, change: (draft: PipelineSpec) => void): string {
  const before = readFileSync(path, 'utf8');
  const after = editPipelineText(before, change);
  if (after !== before) writeFileAtomic(path, after);
  return after;
}
