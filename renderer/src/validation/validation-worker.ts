// Validates the pipeline being edited off the UI thread, exactly as the CLI does: the draft is
// rendered into the file's text with the comment-keeping writer, then checked as that file.
import { validatePipelineText, validateWorkspaceText } from '../../../shared/validation/validate.js';
import { pipelineKeyOrder } from '../../../shared/pipeline/key-order.js';
import { patchYaml } from '../../../shared/yaml/patch-yaml.js';
import { renderDocument } from '../../../shared/yaml/yaml-render.js';

export interface ValidationRequest {
  id: number;
  file: string;
  baseText: string;
  draft: unknown;
  settingsText: string;
}

let settingsText = '';
let settings = validateWorkspaceText('pipewright.yaml', '');

self.onmessage = (message: MessageEvent<ValidationRequest>) => {
  const request = message.data;
  if (request.settingsText !== settingsText) {
    settingsText = request.settingsText;
    settings = validateWorkspaceText('pipewright.yaml', settingsText);
  }
  let text: string;
  try {
    text = patchYaml(request.baseText, request.draft, { keyOrder: pipelineKeyOrder });
  } catch {
    text = renderDocument(request.draft, { indent: 2, indentSeq: true });
  }
  const problems = validatePipelineText(request.file, text, settings).problems;
  self.postMessage({ id: request.id, problems });
};
