// Argo Workflows' own published JSON schema (vendored, see the fixture's README) as the judge
// of every exported Workflow and CronWorkflow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { REPO_ROOT } from './cli-process.js';

const SCHEMA_FILE = join(REPO_ROOT, 'electron/services/export/fixtures/argo-workflows.schema.json');
const ID = 'argo-workflows';

let ajv: Ajv2020 | null = null;
const validators = new Map<string, ValidateFunction>();

function validatorFor(kind: 'Workflow' | 'CronWorkflow'): ValidateFunction {
  const known = validators.get(kind);
  if (known) return known;
  if (!ajv) {
    // Kubernetes' schema uses formats (int32, int-or-string, ...) only as documentation.
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: ID });
  }
  const validate = ajv.compile({ $ref: `${ID}#/definitions/io.argoproj.workflow.v1alpha1.${kind}` });
  validators.set(kind, validate);
  return validate;
}

/** The schema's complaints about a document of that kind: none when it is valid. */
export function argoSchemaErrors(kind: 'Workflow' | 'CronWorkflow', document: unknown): string[] {
  const validate = validatorFor(kind);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
