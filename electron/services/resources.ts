import { existsSync, readFileSync } from 'node:fs';
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

/**
 * Pipewright's version, from its package.json: two folders up from the CLI bundle (out/cli),
 * three from the compiled services (out/electron/services). "0.0.0" when neither is there.
 */
export function pipewrightVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const found: unknown = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
      if (typeof found === 'object' && found !== null && 'version' in found && typeof found.version === 'string')
        return found.version;
    } catch {
      // Try the other layout.
    }
  }
  return '0.0.0';
}
