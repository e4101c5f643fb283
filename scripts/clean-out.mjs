// Removes the previous build output so a deleted source file cannot linger in out/.
import { rmSync } from 'node:fs';

rmSync(new URL('../out', import.meta.url), { recursive: true, force: true });
