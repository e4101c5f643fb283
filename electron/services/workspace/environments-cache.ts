// The environments of pipewright.yaml, remembered by content in the state database. Opening a
// workspace's state needs only them (to clean up the containers of dead runs); a command that
// reads nothing else of the settings (`pipewright runs`) then loads the YAML parser and the
// schemas only after pipewright.yaml changed.
import { createHash } from 'node:crypto';
import { WORKSPACE_FILE } from '../../../shared/pipeline/names.js';
import type { EnvironmentSpec } from '../../../shared/pipeline/schema.js';
import type { RunStore } from '../store/run-store.js';
import { storedJson } from '../store/typed-rows.js';
import { VALIDATOR_BUILD } from './validator-build.js';

type Environments = Readonly<Record<string, EnvironmentSpec>>;

/** The environments the validator reads from pipewright.yaml's `text` (none while it is invalid). */
export async function environmentsCached(text: string, store: RunStore): Promise<Environments> {
  // A pipeline's key starts with the build: this prefix keeps the two apart.
  const key = createHash('sha256').update(`environments\0${VALIDATOR_BUILD}\0${text}`).digest('hex');
  const known = store.validation(key);
  if (known !== null) return storedJson<Environments>(known);
  const { validateWorkspaceText } = await import('../../../shared/validation/validate.js');
  const environments = validateWorkspaceText(WORKSPACE_FILE, text).spec?.environments ?? {};
  store.putValidation(key, JSON.stringify(environments));
  return environments;
}
