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
