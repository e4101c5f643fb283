// The ML template end to end, through the built CLI against a real Docker engine:
// `init --template ml`, its environment built from its own Dockerfile on the locally built
// pipewright-test/python-ml image (--build-arg BASE_IMAGE, since no registry is reachable), the
// model file, model card, metrics and executed explore notebook it writes, the metric (model)
// test passing and failing, and the drift switch raising an SPC alert once a small baseline is set.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/monitoring/monitoring-types.js';
import { cellOutputs, cellSource, parseNotebook } from '../../shared/notebook/notebook-format.js';
import type { EnvironmentStatus } from '../../shared/run/environment-types.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { workspaceId } from '../services/docker/docker-names.js';
import { runCli } from '../testing/cli-process.js';
import { docker, dockerMissing } from '../testing/docker-support.js';

const ML_IMAGE = 'pipewright-test/python-ml:latest';
const BASE = `BASE_IMAGE=${ML_IMAGE}`;
const mlImageMissing =
  dockerMissing ??
  (await docker
    .getImage(ML_IMAGE)
    .inspect()
    .then(
      () => null,
      () => `${ML_IMAGE} is missing: run node scripts/test-images.mjs`,
    ));
if (mlImageMissing !== null && process.env.CI !== 'true') console.log(`ML template tests skipped: ${mlImageMissing}`);

let dir = '';
let root = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const sha256 = (path: string) =>
  createHash('sha256')
    .update(readFileSync(join(root, path)))
    .digest('hex');

async function run(...args: string[]): Promise<{ code: number | null; run: RunSummary; stderr: string }> {
  const result = await runCli(['run', 'churn', '--build-arg', BASE, ...args, '--json'], root);
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary, stderr: result.stderr };
}

function testOf(summary: RunSummary, step: string, name: string) {
  return summary.steps.find((entry) => entry.id === step)?.tests.find((test) => test.name === name);
}

// A run is six Python containers: a few seconds alone, much more on a busy two-core machine.
describe.skipIf(mlImageMissing !== null && process.env.CI !== 'true')(
  mlImageMissing !== null && process.env.CI !== 'true'
    ? `the ML template (skipped: ${mlImageMissing})`
    : 'the ML template',
  { timeout: 300_000 },
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pipewright-ml-'));
      // Step containers run as nobody when the tests run as root.
      chmodSync(dir, 0o755);
      const created = await runCli(['init', 'churn', '--template', 'ml'], dir);
      expect(created.code, created.stderr).toBe(0);
      root = join(dir, 'churn');
      // A small baseline keeps the drift check to a few runs; committed, so runs name a commit.
      const settings = readFileSync(join(root, 'pipewright.yaml'), 'utf8');
      expect(settings).toContain('baseline: 10');
      writeFileSync(join(root, 'pipewright.yaml'), settings.replace('baseline: 10', 'baseline: 3'));
      git(
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.com',
        'commit',
        '-qam',
        'A small baseline for the test',
      );
    });

    afterAll(async () => {
      if (root !== '' && mlImageMissing === null) {
        const filters = { label: [`dev.pipewright.workspace-id=${workspaceId(root)}`] };
        for (const container of await docker.listContainers({ all: true, filters }))
          await docker.getContainer(container.Id).remove({ force: true, v: true });
        for (const network of await docker.listNetworks({ filters })) await docker.getNetwork(network.Id).remove();
        for (const image of await docker.listImages({ filters }))
          await docker.getImage(image.Id).remove({ force: true });
      }
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    });

    it('offers the templates by name and refuses an unknown one', async () => {
      const refused = await runCli(['init', 'elsewhere', '--template', 'notebook'], dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("argument 'notebook' is invalid. Allowed choices are sales, ml.");
      expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
      expect(git('ls-files')).toContain('environments/python/Dockerfile');
      expect(readFileSync(join(root, 'environments/python/Dockerfile'), 'utf8')).toMatch(
        /ARG BASE_IMAGE=python:3\.12-slim\nFROM \$\{BASE_IMAGE\}/,
      );
    });

    it('brings its environment up on a base image given as a build argument, and checks the argument', async () => {
      const bad = await runCli(['env', 'up', 'dev', '--build-arg', 'BASE-IMAGE=x'], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"BASE-IMAGE" is not a build argument name');

      const up = await runCli(['env', 'up', 'dev', '--build-arg', BASE, '--json'], root);
      expect(up.code, up.stderr).toBe(0);
      const status = JSON.parse(up.stdout) as EnvironmentStatus;
      expect(status.image?.present).toBe(true);
      // Built on the local image: the Dockerfile found the packages there and installed nothing.
      const history = (await docker.getImage(status.image?.ref ?? '').history()) as Array<{ CreatedBy: string }>;
      const base = await docker.getImage(ML_IMAGE).inspect();
      expect(
        (await docker.getImage(status.image?.ref ?? '').inspect()).RootFS.Layers?.slice(
          0,
          base.RootFS.Layers?.length ?? 0,
        ),
      ).toEqual(base.RootFS.Layers);
      expect(history.some((layer) => layer.CreatedBy.includes('import sklearn, pandas, matplotlib'))).toBe(true);
    });

    it('runs end to end: model file, model card with metrics, params, data hashes and commit, metrics and pictures', async () => {
      const { code, run: summary, stderr } = await run('--param', 'seed=1');
      expect(code, stderr).toBe(0);
      expect(summary.steps.map((step) => [step.id, step.status])).toEqual([
        ['prepare', 'succeeded'],
        ['features', 'succeeded'],
        ['train', 'succeeded'],
        ['evaluate', 'succeeded'],
        ['explore', 'succeeded'],
        ['package', 'succeeded'],
      ]);
      expect(summary.steps.flatMap((step) => step.tests).every((test) => test.outcome === 'passed')).toBe(true);
      expect(
        summary.steps.find((step) => step.id === 'prepare')?.tests.filter((test) => test.stage === 'input'),
      ).toHaveLength(6);

      const metrics = JSON.parse(readFileSync(join(root, 'metrics/evaluation.json'), 'utf8')) as Record<string, number>;
      for (const name of ['auc', 'f1', 'accuracy']) expect(metrics[name]).toBeGreaterThan(0.5);
      const auc = testOf(summary, 'evaluate', 'model AUC');
      expect(auc).toMatchObject({
        kind: 'metric',
        outcome: 'passed',
        observed: metrics.auc,
        expected: 'at least 0.75',
      });

      // The explore notebook ran with the run's params and kept its tables and chart.
      const explored = parseNotebook(
        readFileSync(join(root, 'reports/explore.ipynb'), 'utf8'),
        'reports/explore.ipynb',
      );
      expect(cellSource(explored.cells[2] ?? {})).toContain('seed = 1\n');
      const outputs = explored.cells.flatMap((cell) => cellOutputs(cell));
      expect(outputs.map((output) => output.output_type)).toEqual([
        'stream',
        'execute_result',
        'execute_result',
        'display_data',
      ]);
      expect(outputs[0]?.output_type === 'stream' ? [outputs[0].text].flat().join('') : '').toContain(
        `AUC ${metrics.auc}, F1 ${metrics.f1}`,
      );

      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
      for (const picture of ['reports/confusion-matrix.png', 'reports/roc.png'])
        expect(readFileSync(join(root, picture)).subarray(0, 4)).toEqual(png);
      // A pickle of protocol 2 or later starts with the PROTO opcode.
      expect(readFileSync(join(root, 'dist/churn-model.pkl'))[0]).toBe(0x80);
      expect(sha256('dist/churn-model.pkl')).toBe(sha256('models/churn-model.pkl'));

      const card = readFileSync(join(root, 'dist/MODEL_CARD.md'), 'utf8');
      expect(card).toContain(`- Git commit: \`${git('rev-parse', 'HEAD')}\``);
      expect(card).toContain(`| AUC | ${metrics.auc} |`);
      expect(card).toContain(`| F1 | ${metrics.f1} |`);
      expect(card).toContain(`| Accuracy | ${metrics.accuracy} |`);
      expect(card).toContain('| n_estimators | 30 |');
      expect(card).toContain('| seed | 1 |');
      for (const data of ['data/raw/customers.csv', 'data/prepared/train.csv', 'data/prepared/test.csv'])
        expect(card).toContain(`| ${data} | \`${sha256(data)}\` |`);
      expect(card).toContain(`sha256 \`${sha256('dist/churn-model.pkl')}\``);
      // Outputs are ignored by git: the tree stays clean after a run.
      expect(git('status', '--porcelain')).toBe('');
    });

    it('splits the same way for the same seed', async () => {
      const before = sha256('data/prepared/test.csv');
      const again = await run('--param', 'seed=1');
      expect(again.code, again.stderr).toBe(0);
      expect(again.run.steps.find((step) => step.id === 'prepare')?.status).toBe('cached');
      // Only prepare, so the series the drift check reads gets no second point of the same seed.
      const fresh = await run('--param', 'seed=1', '--no-cache', '--only', 'prepare');
      expect(fresh.code, fresh.stderr).toBe(0);
      expect(fresh.run.steps.find((step) => step.id === 'prepare')?.status).toBe('succeeded');
      expect(sha256('data/prepared/test.csv')).toBe(before);
    });

    it('raises an SPC alert on the model metrics when the data drifts after a baseline', async () => {
      for (const seed of [2, 3]) {
        const baseline = await run('--param', `seed=${seed}`);
        expect(baseline.code, baseline.stderr).toBe(0);
      }
      const quiet = JSON.parse((await runCli(['alerts', '--json'], root)).stdout) as Alert[];
      expect(quiet).toEqual([]);

      const drifted = await run('--param', 'seed=4', '--param', 'drift=0.6');
      const auc = testOf(drifted.run, 'evaluate', 'model AUC');
      expect(auc?.observed).toBeLessThan(0.8);
      const alerts = JSON.parse((await runCli(['alerts', '--json', '--pipeline', 'churn'], root)).stdout) as Alert[];
      expect(alerts.map((alert) => [alert.kind, alert.step, alert.metric])).toContainEqual([
        'out-of-control',
        'evaluate',
        'metrics/evaluation.json:auc',
      ]);
      expect(alerts.every((alert) => alert.runId === drifted.run.id)).toBe(true);
    });

    it('fails the metric test, and the run, when a param makes the model worse', async () => {
      // In another environment, so this run does not join the dev series the drift check uses.
      const { code, run: summary } = await run('--env', 'test', '--param', 'max_depth=1', '--param', 'n_estimators=1');
      expect(code).toBe(1);
      const auc = testOf(summary, 'evaluate', 'model AUC');
      expect(auc).toMatchObject({ kind: 'metric', outcome: 'failed', expected: 'at least 0.75' });
      expect(auc?.message).toMatch(/^metrics\/evaluation\.json: auc is 0\.\d+, below the minimum 0\.75$/);
      expect(summary.steps.map((step) => [step.id, step.status])).toContainEqual(['evaluate', 'failed']);
      expect(summary.steps.map((step) => [step.id, step.status])).toContainEqual(['package', 'skipped']);
      expect(summary.steps.map((step) => [step.id, step.status])).toContainEqual(['explore', 'skipped']);
    });
  },
);
