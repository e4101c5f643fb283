// What a remembered validation is keyed by besides the text: it changes whenever this code is
// rebuilt (the file's own time), so a new validator never trusts an old verdict.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VALIDATOR_BUILD = String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
