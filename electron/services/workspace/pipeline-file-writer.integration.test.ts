// Saving through the model API in a real git repository: git itself must see a one-line change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipelineEditError } from '../../../shared/pipeline/edit-pipeline.js';
import { updatePipelineFile } from './pipeline-file-writer.js';

const PIPELINE = `# Nightly churn model.
version: 1
name: churn
params:
  fraction: { type: number, default: 1.0 }   # 1.0 = every row

steps:
  # Pull the export; it arrives around 02:00.
  ingest:
    run: python steps/ingest.py            # writes parquet
    outputs: [data/ingested.parquet]
  train:
    run: |
      python steps/train.py \\
        --fraction "$PW_PARAM_FRACTION"
    inputs: [data/ingested.parquet]
`;

let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-writer-'));
  git('init', '-q');
  writeFileSync(join(dir, 'churn.pipeline.yaml'), PIPELINE);
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'initial');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('updatePipelineFile', () => {
  it('changes one step command: git sees one line changed, comments and layout untouched', () => {
    updatePipelineFile(join(dir, 'churn.pipeline.yaml'), (draft) => {
      const step = draft.steps.ingest;
      if (step) step.run = 'python steps/ingest.py --incremental';
    });
    expect(git('diff', '--numstat')).toBe('1\t1\tchurn.pipeline.yaml\n');
    expect(git('diff', '-U0').split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
      '-    run: python steps/ingest.py            # writes parquet',
      '+    run: python steps/ingest.py --incremental            # writes parquet',
    ]);
  });

  it('never overwrites a file that is not valid YAML on disk', () => {
    const broken = `${PIPELINE}  oops: [unclosed\n`;
    writeFileSync(join(dir, 'churn.pipeline.yaml'), broken);
    expect(() => updatePipelineFile(join(dir, 'churn.pipeline.yaml'), (draft) => {
      draft.description = 'x';
    })).toThrow(PipelineEditError);
    expect(readFileSync(join(dir, 'churn.pipeline.yaml'), 'utf8')).toBe(broken);
  });
});
