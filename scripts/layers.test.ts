// The layering of DESIGN.md is enforced by lint: these cases must stay errors.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.filter((message) => message.ruleId === 'no-restricted-imports').length ?? 0;
}

describe('layer rules', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/x.ts', "import fs from 'fs';"],
    ['shared/x.ts', "import { Workspace } from '../electron/services/workspace/workspace.js';"],
    ['shared/x.ts', "import { create } from 'zustand';"],
    ['renderer/x.ts', "import { spawn } from 'node:child_process';"],
    ['renderer/x.ts', "import { RunStore } from '../electron/services/store/run-store.js';"],
    ['renderer/x.ts', "import Database from 'better-sqlite3';"],
    ['electron/services/x.ts', "import { app } from 'electron';"],
    ['electron/services/x.ts', "import { App } from '../../renderer/app.js';"],
    ['electron/services/engine/x.ts', "import { DockerRunner } from '../docker/docker-runner.js';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['renderer/x.ts', "import { buildPipelineGraph } from '../shared/dag/pipeline-graph.js';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/services/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/services/engine/x.ts', "import type { StepRunner } from '../runner/step-runner.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(0);
  });
});
