// Throwaway workspaces on disk for integration tests.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const MINIMAL_WORKSPACE = 'version: 1\n';

export interface TempWorkspace {
  root: string;
  path(relative: string): string;
  write(relative: string, content: string): void;
  read(relative: string): string;
  remove(): void;
}

export function tempWorkspace(files: Record<string, string>): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-test-'));
  // mkdtemp makes the folder private (0700); a workspace is normally readable by others, which
  // containers running as another user (see container-user.ts) rely on.
  chmodSync(root, 0o755);
  const write = (relative: string, content: string) => {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  };
  write('pipewright.yaml', MINIMAL_WORKSPACE);
  for (const [relative, content] of Object.entries(files)) write(relative, content);
  return {
    root,
    path: (relative) => join(root, relative),
    write,
    read: (relative) => readFileSync(join(root, relative), 'utf8'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A pipeline file from step definitions written as YAML lines under `steps:`. */
export function pipelineYaml(name: string, steps: string, params = ''): string {
  return `version: 1\nname: ${name}\n${params ? `params:\n${params}` : ''}steps:\n${steps}`;
}
