import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { paramsInWorkspace } from './params-in-workspace.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function place(): { workspace: string; outside: string } {
  root = mkdtempSync(join(tmpdir(), 'pipewright-params-'));
  const workspace = join(root, 'workspace');
  const outside = join(root, 'outside');
  mkdirSync(join(workspace, '.pipewright', 'runs', 'r1'), { recursive: true });
  mkdirSync(join(outside, 'runs', 'r1'), { recursive: true });
  writeFileSync(join(workspace, '.pipewright', 'runs', 'r1', 'params.json'), '{}');
  writeFileSync(join(outside, 'runs', 'r1', 'params.json'), '{}');
  return { workspace, outside };
}

describe('where a step container reads the params file', () => {
  it('reads a params file in the workspace through the workspace mount', () => {
    const { workspace } = place();
    expect(paramsInWorkspace(workspace, join(workspace, '.pipewright/runs/r1/params.json'), '/workspace')).toBe(
      '/workspace/.pipewright/runs/r1/params.json',
    );
  });

  it('needs a mount for a params file outside the workspace, or behind a link that leads out', () => {
    const { workspace, outside } = place();
    expect(paramsInWorkspace(workspace, join(outside, 'runs/r1/params.json'), '/workspace')).toBeNull();
    symlinkSync(outside, join(workspace, 'linked'));
    expect(paramsInWorkspace(workspace, join(workspace, 'linked/runs/r1/params.json'), '/workspace')).toBeNull();
  });

  it('leaves a params file that is not there to a mount of its own, whose failure names it', () => {
    const { workspace } = place();
    expect(paramsInWorkspace(workspace, join(workspace, '.pipewright/runs/r2/params.json'), '/workspace')).toBeNull();
  });

  it('follows a link to the workspace itself, as the engine mounts its real folder', () => {
    const { workspace } = place();
    symlinkSync(workspace, join(root, 'alias'));
    expect(paramsInWorkspace(join(root, 'alias'), join(workspace, '.pipewright/runs/r1/params.json'), '/w')).toBe(
      '/w/.pipewright/runs/r1/params.json',
    );
  });
});
