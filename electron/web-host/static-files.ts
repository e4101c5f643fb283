// Serving the built renderer: only files inside its folder, with their content types.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
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

/** The file for a URL path, or null when there is none (or the path tries to leave the folder). */
export function staticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = decoded === '/' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const base = resolve(root);
  const path = resolve(base, relative);
  if (!path.startsWith(base + sep) || !existsSync(path) || !statSync(path).isFile()) return null;
  return { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
}
