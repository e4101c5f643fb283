// `pipewright diff` on real repositories made with the git CLI: pipeline changes between
// branches, commits and the working tree, printed as steps and fields, and as JSON.
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineFileDiff } from '../../shared/git/repository-types.js';
import { runCli } from '../testing/cli-process.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import { tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';

const SALES = `version: 1
name: sales
params:
  sample: { type: number, default: 0.1 }
steps:
  ingest:
    run: python steps/ingest.py
    outputs: [data/orders.csv]
  clean:
    run: python steps/clean.py
    inputs: [data/orders.csv]
`;

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

describe('pipewright diff', () => {
  it('shows the pipeline changes between two branches, then between HEAD and the working tree', async () => {
    workspace = tempRepository({
      'pipelines/sales.pipeline.yaml': SALES,
      'pipelines/other.pipeline.yaml': 'version: 1\nname: other\nsteps: {}\n',
    });
    gitCli(workspace.root, 'checkout', '-q', '-b', 'exp');
    workspace.write(
      'pipelines/sales.pipeline.yaml',
      SALES.replace('default: 0.1', 'default: 0.05')
        .replace('python steps/clean.py', 'python steps/clean.py --strict')
        .concat('  report:\n    run: python steps/report.py\n    needs: [clean]\n'),
    );
    gitCli(workspace.root, 'commit', '-qam', 'experiment');

    const text = await runCli(['diff', 'main', 'exp'], workspace.root);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'pipelines/sales.pipeline.yaml (sales): changed — 1 step changed, 1 added, 1 param changed',
    );
    expect(text.stdout).toContain(
      '~ step clean\n      run: "python steps/clean.py" → "python steps/clean.py --strict"',
    );
    expect(text.stdout).toContain('+ step report');
    expect(text.stdout).toContain('~ param sample\n      default: 0.1 → 0.05');
    expect(text.stdout).toContain('+ edge clean → report');
    expect(text.stdout).not.toContain('other.pipeline.yaml');

    const json = await runCli(['diff', 'main', 'exp', 'sales', '--json'], workspace.root);
    const parsed = JSON.parse(json.stdout) as { from: string; to: string; pipelines: PipelineFileDiff[] };
    expect(parsed.from).toBe('main');
    expect(parsed.pipelines.map((file) => [file.name, file.change])).toEqual([['sales', 'changed']]);
    expect(parsed.pipelines[0]?.diff.steps.map((step) => [step.id, step.change])).toEqual([
      ['clean', 'changed'],
      ['report', 'added'],
    ]);

    workspace.write('pipelines/other.pipeline.yaml', 'version: 1\nname: other\nsteps:\n  only:\n    run: echo hi\n');
    const working = await runCli(['diff'], workspace.root);
    expect(working.stdout).toBe('pipelines/other.pipeline.yaml (other): changed — 1 step added\n  + step only\n');
    expect((await runCli(['diff', 'sales'], workspace.root)).stdout).toBe(
      'no pipeline changes from HEAD to the working tree\n',
    );
  });

  it('reads merge keys as a run does: a change to a merged map is a change of each step that merges it', async () => {
    const shared = `version: 1
name: sales
steps:
  ingest:
    run: python steps/ingest.py
    env: &env { MODE: fast }
  clean:
    run: python steps/clean.py
    env:
      <<: *env
      STRICT: "1"
`;
    workspace = tempRepository({ 'pipelines/sales.pipeline.yaml': shared });
    workspace.write('pipelines/sales.pipeline.yaml', shared.replace('MODE: fast', 'MODE: full'));
    const text = await runCli(['diff'], workspace.root);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('2 steps changed');
    expect(text.stdout).toContain('~ step clean');
    expect(text.stdout).not.toContain('<<');
  });

  it('says what is wrong with an unknown ref, too many arguments, or a folder outside git', async () => {
    workspace = tempRepository({ 'pipelines/sales.pipeline.yaml': SALES });
    const unknown = await runCli(['diff', 'no-such-branch', 'main'], workspace.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no branch, tag or commit "no-such-branch"');
    expect((await runCli(['diff', 'a', 'b', 'c', 'd'], workspace.root)).stderr).toContain(
      'at most REF_A, REF_B and PIPELINE',
    );
    workspace.remove();
    workspace = tempWorkspace({ 'pipelines/sales.pipeline.yaml': SALES });
    const outside = await runCli(['diff'], workspace.root);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is not in a git repository');
  });
});
