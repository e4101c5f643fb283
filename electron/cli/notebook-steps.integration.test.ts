// Notebook steps through the built CLI: in a Docker environment on the scientific Python image
// (Debian's nbclient and ipykernel), and with the local runner where the host's python3 has
// them. Params land after the cell tagged parameters, the executed notebook is kept with its
// outputs, a failing cell fails the step with its traceback in the log, a cancel leaves nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellOutputs, cellSource, cellTags, parseNotebook } from '../../shared/notebook/notebook-format.js';
import type { NotebookJson } from '../../shared/notebook/notebook-format.js';
import type { RunSummary } from '../../shared/run/run-types.js';
import { runCli, startCli, waitFor } from '../testing/cli-process.js';
import { removeDockerLeftovers, stepContainers } from '../testing/docker-leftovers.js';
import { PYTHON_ML_IMAGE, docker, pythonMlMissing } from '../testing/docker-support.js';
import { notebookText } from '../testing/notebook-files.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace;

afterEach(async () => {
  if (!workspace) return;
  if (pythonMlMissing === null) await removeDockerLeftovers(docker, workspace.root);
  workspace.remove();
});

const EXPLORE = notebookText([
  { kind: 'markdown', source: '# Explore\nThe data at a glance.\n' },
  { tags: ['parameters'], source: 'region = "all"\nrows = 5\nrate = 1.0\nfail = False\n' },
  {
    source:
      'import pandas as pd\nframe = pd.DataFrame({"region": [region] * rows, "value": range(rows)})\nprint(f"region={region} rows={rows} rate={rate!r}")\nframe.to_csv("out/summary.csv", index=False)\nframe.head(3)\n',
  },
  {
    source:
      'import io\nimport matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt\nfrom IPython.display import Image, display\nfig, ax = plt.subplots(figsize=(3, 2))\nax.plot(list(range(rows)))\npicture = io.BytesIO()\nfig.savefig(picture, format="png")\ndisplay(Image(picture.getvalue()))\n',
  },
  { source: '# the last check\nif fail:\n    raise ValueError("asked to fail")\nprint("done")\n' },
]);

const SLOW = notebookText([
  { source: 'import pathlib, time\npathlib.Path("out/started").write_text("yes")\ntime.sleep(600)\n' },
]);

const PARAMS = `  region: { type: string, default: all }
  rows: { type: integer, default: 5 }
  rate: { type: number, default: 1 }
  fail: { type: boolean, default: false }
`;

function notebookWorkspace(environment: string): TempWorkspace {
  return tempWorkspace({
    'pipewright.yaml': environment,
    'notebooks/explore.ipynb': EXPLORE,
    'notebooks/slow.ipynb': SLOW,
    'pipelines/nb.pipeline.yaml': pipelineYaml(
      'nb',
      `  explore:
    notebook: notebooks/explore.ipynb
    outputs: [out/summary.csv]
`,
      PARAMS,
    ),
    'pipelines/slow.pipeline.yaml': pipelineYaml(
      'slow',
      `  slow:
    notebook: notebooks/slow.ipynb
    outputs: [out/started]
`,
    ),
  });
}

async function runJson(args: string[]): Promise<{ code: number | null; run: RunSummary }> {
  const result = await runCli(['run', ...args, '--json'], workspace.root, hostPythonEnv());
  return { code: result.code, run: JSON.parse(result.stdout) as RunSummary };
}

const executed = (path = 'out/notebooks/explore.ipynb'): NotebookJson => parseNotebook(workspace.read(path), path);
const streamText = (notebook: NotebookJson) =>
  notebook.cells
    .flatMap((cell) => cellOutputs(cell))
    .map((output) => (output.output_type === 'stream' ? [output.text].flat().join('') : ''))
    .join('');

/** The checks both runners must pass; `container` says the step ran in Docker. */
function notebookChecks(container: boolean) {
  it('injects the params after the cell tagged parameters and keeps the executed notebook with its outputs', async () => {
    const { code, run } = await runJson(['nb', '--param', 'region=eu', '--param', 'rate=0.5']);
    expect(code, JSON.stringify(run.steps)).toBe(0);
    const notebook = executed();
    expect(notebook.cells.map((cell) => cellTags(cell))).toEqual([
      [],
      ['parameters'],
      ['injected-parameters'],
      [],
      [],
      [],
    ]);
    expect(cellSource(notebook.cells[2] ?? {})).toBe(
      '# Parameters (injected by Pipewright)\nregion = "eu"\nrows = 5\nrate = 0.5\nfail = False',
    );
    expect(streamText(notebook)).toContain('region=eu rows=5 rate=0.5\n');
    const outputs = notebook.cells.flatMap((cell) => cellOutputs(cell));
    expect(
      outputs.some(
        (output) =>
          output.output_type === 'execute_result' &&
          String([output.data['text/html']].flat().join('')).includes('<table'),
      ),
    ).toBe(true);
    expect(
      outputs.some(
        (output) => output.output_type === 'display_data' && typeof [output.data['image/png']].flat()[0] === 'string',
      ),
    ).toBe(true);
    expect(workspace.read('out/summary.csv').split('\n')[1]).toBe('eu,0');
    // The run keeps its own copy, and the user's notebook is untouched.
    expect(existsSync(workspace.path(`.pipewright/runs/${run.id}/notebooks/explore.1.ipynb`))).toBe(true);
    expect(workspace.read('notebooks/explore.ipynb')).toBe(EXPLORE);
    const again = await runJson(['nb', '--param', 'region=eu', '--param', 'rate=0.5']);
    expect(again.run.steps[0]?.status).toBe('cached');
    if (container) expect(await stepContainers(docker, workspace.root)).toEqual([]);
  });

  it('fails the step on a failing cell, names the cell in the log with its traceback, and keeps the notebook', async () => {
    const { code, run } = await runJson(['nb', '--param', 'fail=true']);
    expect(code).toBe(1);
    const step = run.steps[0];
    expect(step?.status).toBe('failed');
    expect(step?.message).toBe('exit code 1: cell 6 failed: ValueError: asked to fail');
    const log = readFileSync(workspace.path(step?.logPath ?? ''), 'utf8');
    expect(log).toContain(
      'cell 6 of 6 (id cell-4) failed: ValueError: asked to fail\n  first line: # the last check\n',
    );
    expect(log).toMatch(/----> 3 +raise ValueError\("asked to fail"\)/);
    expect(log).not.toContain(String.fromCharCode(27));
    const kept = parseNotebook(workspace.read(`.pipewright/runs/${run.id}/notebooks/explore.1.ipynb`), 'kept');
    expect(cellOutputs(kept.cells[5] ?? {}).map((output) => output.output_type)).toEqual(['error']);
    expect(streamText(kept)).toContain('region=all rows=5 rate=1.0\n');
  });
}

const mlTitle =
  pythonMlMissing !== null && !inCI
    ? `notebook steps in Docker (skipped: ${pythonMlMissing})`
    : 'notebook steps in Docker';
describe.skipIf(pythonMlMissing !== null && !inCI)(mlTitle, () => {
  beforeEachWorkspace(
    `version: 1\ndefault_environment: ml\nenvironments:\n  ml:\n    runner: docker\n    image: ${PYTHON_ML_IMAGE}\n`,
  );

  it('has the scientific Python test image (required in CI)', () => {
    expect(pythonMlMissing).toBeNull();
  });

  notebookChecks(true);

  it('a cancel mid-cell ends the step and leaves no container (the kernel with it)', async () => {
    const cli = startCli(['run', 'slow'], workspace.root, hostPythonEnv());
    await waitFor(() => existsSync(workspace.path('out/started')), 'the notebook to start its slow cell', 90_000);
    expect(await stepContainers(docker, workspace.root)).toHaveLength(1);
    cli.child.kill('SIGINT');
    expect((await cli.result).code).toBe(130);
    expect(await stepContainers(docker, workspace.root)).toEqual([]);
  });
});

/**
 * A python3 with what the local runner needs for the test notebook (it also draws with pandas
 * and matplotlib): the first on PATH, or else the system's (where .ci/run installs Debian's
 * packages), put first on the CLI's PATH as a user would choose their python.
 */
function hostNotebookPython(): { env: NodeJS.ProcessEnv } | { missing: string } {
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const folder of folders) {
    const python = join(folder, 'python3');
    if (!existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import nbclient, nbformat, ipykernel, pandas, matplotlib']);
    if (probe.status === 0) return { env: { PATH: `${folder}${delimiter}${process.env.PATH ?? ''}` } };
  }
  return {
    missing:
      "no python3 on PATH or in /usr/bin has nbclient, nbformat, ipykernel, pandas and matplotlib (.ci/run installs Debian's)",
  };
}

const hostPython = hostNotebookPython();
const hostMissing = 'missing' in hostPython ? hostPython.missing : null;
/** The CLI's environment: the host python found above first on PATH (a container's python is the image's). */
function hostPythonEnv(): NodeJS.ProcessEnv {
  return 'env' in hostPython ? hostPython.env : {};
}
describe.skipIf(hostMissing !== null)(
  hostMissing === null
    ? 'notebook steps with the local runner'
    : `notebook steps with the local runner (skipped: ${hostMissing})`,
  () => {
    beforeEachWorkspace('version: 1\n');
    notebookChecks(false);

    it('a cancel mid-cell ends the step and its kernel', async () => {
      const cli = startCli(['run', 'slow'], workspace.root, hostPythonEnv());
      await waitFor(() => existsSync(workspace.path('out/started')), 'the notebook to start its slow cell', 90_000);
      cli.child.kill('SIGINT');
      expect((await cli.result).code).toBe(130);
      await waitFor(() => processesOfWorkspace(workspace.root).length === 0, 'the kernel to end', 10_000);
    });
  },
);

/** Live processes that inherited a step's variables in this workspace: the runner and its kernel. */
function processesOfWorkspace(root: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`PW_WORKSPACE=${root}`);
      } catch {
        return false;
      }
    });
}

function beforeEachWorkspace(settings: string): void {
  beforeEach(() => {
    workspace = notebookWorkspace(settings);
  });
}
