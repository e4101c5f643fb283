import { describe, expect, it } from 'vitest';
import { PipelineEditError, editPipelineText, setStepCommand, setStepField } from './edit-pipeline.js';
import { validatePipelineText } from './validate.js';

const COMMENTED = `# Churn model: train and evaluate.
version: 1
name: churn
params:
  sample_fraction: { type: number, default: 1.0, min: 0, max: 1 }   # 1.0 = all rows

steps:
  # Load the raw export.
  ingest:
    run: python steps/ingest.py          # reads data/raw
    outputs: [data/ingested.parquet]

  train:
    run: python steps/train.py --fraction "$PW_PARAM_SAMPLE_FRACTION"
    inputs: [data/ingested.parquet]      # inferred edge from ingest
    retries: 1
`;

describe('editing a pipeline through the model API', () => {
  it('changes one command and the diff touches only that line', () => {
    const after = setStepCommand(COMMENTED, 'train', 'python steps/train_v2.py');
    const before = COMMENTED.split('\n');
    const changed = after.split('\n').map((line, index) => [line, before[index]]).filter(([line, old]) => line !== old);
    expect(after.split('\n')).toHaveLength(before.length);
    expect(changed).toEqual([['    run: python steps/train_v2.py', '    run: python steps/train.py --fraction "$PW_PARAM_SAMPLE_FRACTION"']]);
  });

  it('adds and removes a field, and the result still validates', () => {
    let text = setStepField(COMMENTED, 'ingest', 'timeout', '10m');
    text = setStepField(text, 'train', 'retries', undefined);
    expect(text).toContain('    outputs: [data/ingested.parquet]\n    timeout: 10m\n');
    expect(text).not.toContain('retries');
    expect(validatePipelineText('pipelines/churn.pipeline.yaml', text).problems).toEqual([]);
  });

  it('adds a step with the file\'s indentation', () => {
    const text = editPipelineText(COMMENTED, (draft) => {
      draft.steps.evaluate = { run: 'python steps/evaluate.py', needs: ['train'] };
    });
    expect(text.endsWith('    retries: 1\n  evaluate:\n    run: python steps/evaluate.py\n    needs:\n      - train\n')).toBe(true);
  });

  it('refuses to edit a file with YAML errors and names the step it cannot find', () => {
    expect(() => setStepCommand('steps: [\n', 'a', 'x')).toThrow(PipelineEditError);
    expect(() => setStepCommand(COMMENTED, 'deploy', 'x')).toThrow('the pipeline has no step "deploy"');
  });
});
