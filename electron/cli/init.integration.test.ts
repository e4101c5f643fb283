// `pipewright init` on real folders, checked with the git CLI, and the sample it creates run
// end to end with nothing but Node.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli } from '../testing/cli-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('pipewright init', () => {
  it('creates a sample workspace as a clean git repository whose pipeline runs', async () => {
    const created = await runCli(['init', 'sales-demo'], dir);
    expect(created.code, created.stderr).toBe(0);
    const root = join(dir, 'sales-demo');
    expect(git(root, 'status', '--porcelain')).toBe('');
    expect(git(root, 'log', '--format=%s')).toBe('Create Pipewright workspace\n');
    expect(git(root, 'branch', '--show-current')).toBe('main\n');
    git(root, 'fsck', '--strict');
    expect(git(root, 'ls-files')).toContain('pipelines/sales.pipeline.yaml');

    const run = await runCli(['run', 'sales', '--json'], root);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as RunSummary;
    expect(summary.steps.map((step) => [step.id, step.status])).toEqual([
      ['ingest', 'succeeded'],
      ['clean', 'succeeded'],
      ['revenue_by_region', 'succeeded'],
      ['top_customers', 'succeeded'],
      ['report', 'succeeded'],
    ]);
    expect(summary.params.sample_fraction).toEqual({ value: 0.5, source: 'environment' });
    const tests = summary.steps.flatMap((step) => step.tests);
    expect(tests.map((test) => test.outcome)).toEqual(Array(9).fill('passed'));
    expect(tests.filter((test) => test.stage === 'input').map((test) => test.name)).toEqual([
      'raw export has orders',
      'raw export columns',
    ]);
    expect(readFileSync(join(root, 'reports/sales.md'), 'utf8')).toMatch(/^# Sales report/);
    // Outputs and state are ignored: the tree is still clean after a run.
    expect(git(root, 'status', '--porcelain')).toBe('');

    const again = JSON.parse((await runCli(['run', 'sales', '--json'], root)).stdout) as RunSummary;
    expect(again.steps.every((step) => step.status === 'cached')).toBe(true);
    const north = JSON.parse(
      (await runCli(['run', 'sales', '--env', 'prod', '--param', 'region=north', '--json'], root)).stdout,
    ) as RunSummary;
    expect(north.status).toBe('succeeded');
  });

  it('refuses to overwrite anything, and to create a workspace inside itself', async () => {
    writeFileSync(join(dir, 'README.md'), 'my own readme\n');
    const refused = await runCli(['init'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('these files already exist and would be overwritten: README.md');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('my own readme\n');
    expect(existsSync(join(dir, 'pipewright.yaml'))).toBe(false);

    rmSync(join(dir, 'README.md'));
    expect((await runCli(['init'], dir)).code).toBe(0);
    const twice = await runCli(['init', '.'], dir);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('is already a Pipewright workspace');
  });

  it('adds files without committing inside an existing repository', async () => {
    git(dir, 'init', '-q');
    const created = await runCli(['init', 'nested'], dir);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('inside an existing git repository');
    expect(existsSync(join(dir, 'nested', '.git'))).toBe(false);
    expect(git(dir, 'status', '--porcelain')).toBe('?? nested/\n');
    const own = await runCli(['init', '--git', 'own'], dir);
    expect(own.code).toBe(0);
    expect(git(join(dir, 'own'), 'log', '--format=%s')).toBe('Create Pipewright workspace\n');
  });
});
