// Where a step container reads the run's params file. Each bind mount costs the engine about
// 15 ms per container start (measured through the Engine API: 211 against 225 ms with one
// more), which a chain of short steps pays on every step; the params file usually lies in the
// workspace's .pipewright/, which the workspace's read-only mount already shows the step.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';

/**
 * The params file's path in a container that sees `workspace` at `mountedAt`, or null when the
 * file lies outside it (a production run's checkout) and needs a mount of its own. By real
 * paths: a link on the way is not followed inside the container.
 */
export function paramsInWorkspace(workspace: string, paramsFile: string, mountedAt: string): string | null {
  let inside: string;
  try {
    inside = relative(realpathSync(workspace), realpathSync(paramsFile));
  } catch {
    // Not there (yet): its own mount then says so when the container is made.
    return null;
  }
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) return null;
  return `${mountedAt}/${inside.split(sep).join('/')}`;
}
