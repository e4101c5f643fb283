// Paths in pipeline files are workspace-relative, POSIX-style. These helpers normalize them
// so "./data/x.csv" and "data//x.csv" name the same file, and tell when one lies inside another.

/** The normalized form, or null when the path leaves the workspace (absolute, ../, drive letter). */
export function normalizeWorkspacePath(path: string): string | null {
  const text = path.trim().replace(/\\/g, '/');
  if (text === '' || text.startsWith('/') || text.startsWith('~') || /^[A-Za-z]:/.test(text)) return null;
  const parts: string[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.length === 0 ? null : parts.join('/');
}

/** True when `inner` is `outer` or a file or folder below it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

export function pathsOverlap(a: string, b: string): boolean {
  return isSameOrInside(a, b) || isSameOrInside(b, a);
}

/** Places a step may never write: git's data, Pipewright's state, and the workspace's own definition files. */
const RESERVED_FOLDERS = ['.git', '.pipewright', 'pipelines', 'library'] as const;
const SETTINGS_FILE = 'pipewright.yaml';

/**
 * Why a normalized workspace path is a place no step may write, or null when it is not one.
 * Compared without case: on the file systems of Windows and macOS, .GIT/hooks is .git/hooks.
 */
export function reservedPlace(path: string): string | null {
  const parts = path.toLowerCase().split('/');
  // A .git folder at any depth is a repository's (a nested one's too).
  if (parts.includes('.git')) return parts.length === 1 ? 'is the .git/ folder' : 'is inside .git/';
  const [first] = parts;
  if (first === SETTINGS_FILE && parts.length === 1) return 'is the workspace settings file';
  const folder = RESERVED_FOLDERS.find((name) => name === first);
  if (folder === undefined) return null;
  return parts.length === 1 ? `is the ${folder}/ folder` : `is inside ${folder}/`;
}
