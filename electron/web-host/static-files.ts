// Serving the built renderer: only files inside its folder (symlinks resolved), with their
// content types.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The built renderer (out/renderer), found from this module wherever the app is installed. */
export function rendererDir(): string {
  const fromEnv = process.env.PIPEWRIGHT_RENDERER_DIR;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'out', 'renderer'), join(dir, 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the studio is not built: run npm run build');
    dir = parent;
  }
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

/**
 * The file a URL path names inside the built renderer, as a relative path, or null when the
 * path is not one a page asks for: undecodable, or holding a NUL, a backslash, or a "." or ".."
 * segment once decoded (decoded once: "%252e" is the name "%2e"). Refused rather than tidied,
 * so no encoding of a way out (%2e%2e, ..%2f, %5c, overlong UTF-8) gets a second chance.
 */
export function staticRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\0\\]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** The file for a URL path, or null when there is none, or the path (or a symlink on it) leads out of the folder. */
export function staticFile(root: string, urlPath: string): StaticFile | null {
  const relative = staticRelativePath(urlPath);
  if (relative === null) return null;
  let base: string;
  let path: string;
  try {
    base = realpathSync(root);
    path = realpathSync(resolve(base, relative));
  } catch {
    return null;
  }
  if (!path.startsWith(base + sep) || !statSync(path).isFile()) return null;
  return { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
}
