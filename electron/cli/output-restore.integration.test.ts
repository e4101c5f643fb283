// Restores from the output store through the built CLI, on real files: a restored output keeps
// the permission bits its step left it with (a script stays executable, a private file stays
// private), and what a restore replaced is gone once the run ends, never kept beside the store.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runJson, stepStatuses } from '../testing/cli-runs.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const run = (...args: string[]): Promise<RunSummary> => runJson(workspace.root, ...args);

const modeOf = (path: string) => statSync(workspace.path(path)).mode & 0o777;

const PIPELINE = pipelineYaml(
  'tools',
  `  build:
    run: |
      printf '#!/bin/sh\\necho built-$1\\n' > tool.sh; chmod 755 tool.sh
      mkdir -p kit/bin; printf '#!/bin/sh\\necho kit\\n' > kit/bin/run; chmod 750 kit/bin/run
      echo secret > private.txt; chmod 600 private.txt; echo "$PW_PARAM_FLAVOUR" > flavour.txt
    outputs: [tool.sh, kit, private.txt, flavour.txt]
`,
  '  flavour: { type: string, default: plain }\n',
);

describe('restoring outputs from the store', () => {
  it('keeps the executable bit and the other permission bits of files, in a folder too', async () => {
    workspace = tempWorkspace({ 'pipelines/tools.pipeline.yaml': PIPELINE });
    expect(stepStatuses(await run('tools'))).toEqual({ build: 'succeeded' });
    const modes = { tool: modeOf('tool.sh'), kit: modeOf('kit/bin/run'), secret: modeOf('private.txt') };
    expect(modes).toEqual({ tool: 0o755, kit: 0o750, secret: 0o600 });

    for (const path of ['tool.sh', 'kit', 'private.txt']) spawnSync('rm', ['-rf', workspace.path(path)]);
    const back = await run('tools');
    expect(stepStatuses(back)).toEqual({ build: 'cached' });
    expect(back.steps[0]?.message).toContain('restored from the store');
    expect({ tool: modeOf('tool.sh'), kit: modeOf('kit/bin/run'), secret: modeOf('private.txt') }).toEqual(modes);
    const restored = spawnSync(workspace.path('tool.sh'), ['again'], { encoding: 'utf8' });
    expect(restored.stdout).toBe('built-again\n');
    expect(spawnSync(workspace.path('kit/bin/run'), { encoding: 'utf8' }).stdout).toBe('kit\n');
  });

  it('removes what it replaced by the end of the run, leaving nothing beside the store', async () => {
    workspace = tempWorkspace({ 'pipelines/tools.pipeline.yaml': PIPELINE });
    await run('tools');
    await run('tools', '--param', 'flavour=salty');
    expect(workspace.read('flavour.txt')).toBe('salty\n');
    writeFileSync(workspace.path('private.txt'), 'changed by hand\n');

    expect(stepStatuses(await run('tools'))).toEqual({ build: 'cached' });
    expect(workspace.read('flavour.txt')).toBe('plain\n');
    expect(workspace.read('private.txt')).toBe('secret\n');
    const leftovers = existsSync(workspace.path('.pipewright/objects/.replaced'))
      ? readdirSync(workspace.path('.pipewright/objects/.replaced'))
      : [];
    expect(leftovers).toEqual([]);
  });
});
