// Files Pipewright keeps for itself or edits for the user (drafts, editor settings) are written
// only where no symbolic link stands on the way: a link there, even one that stays inside the
// workspace, would send the write to a file the user did not mean.
import { join } from 'node:path';
import { UnsafePathError, containedPath, realLocation } from './contained-path.js';

/** The absolute location of a workspace-relative path, refused when a link is on the way to it. */
export function linkFreePath(root: string, path: string, what: string): string {
  const absolute = containedPath(root, path, what);
  if (absolute !== join(realLocation(root), path))
    throw new UnsafePathError(
      `${what}: ${path} is (or goes through) a symbolic link; Pipewright does not write through links`,
    );
  return absolute;
}
