import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of files shipped with Pipewright (sample workspace, JSON Schemas). Found by
 * walking up from this module, so it works from the sources, the build output and a package.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.PIPEWRIGHT_RESOURCES;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'sample-workspace'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Pipewright resources folder not found');
    dir = parent;
  }
}
