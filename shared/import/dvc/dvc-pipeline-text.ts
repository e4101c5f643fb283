// The imported pipeline as a file, with a header that says where it came from and how its
// params reach the commands (the import never rewrites params.yaml).
import { Document } from 'yaml';
import type { PipelineSpec } from '../../pipeline/schema.js';

export function dvcPipelineText(pipeline: PipelineSpec, dvcFile: string): string {
  const document = new Document(pipeline);
  document.commentBefore = [
    ` Imported from ${dvcFile} by "pipewright import dvc"; edit it freely, or import again with --force.`,
    ' Params are the values of the params files the stages name, as defaults. Where a command',
    ' named a value with ${...}, it now reads the param\'s variable ("${PW_PARAM_NAME}"), so a run',
    ' override (pipewright run -p name=value) reaches it there. A command that reads params.yaml',
    ' itself keeps reading the file, which stays an input of its step: an override reaches it only',
    ' as PW_PARAM_* variables and the JSON file PW_PARAMS_FILE. The import never rewrites a params',
    ' file, and no step does: the files are yours.',
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
