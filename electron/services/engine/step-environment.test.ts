import { describe, expect, it } from 'vitest';
import { stepEnvironment } from './step-environment.js';

const input = {
  workspaceRoot: '/ws',
  pipeline: 'churn',
  runId: 'r1',
  stepId: 'package',
  attempt: 1,
  environment: 'dev',
  environmentVars: { LEVEL: 'info' },
  params: { seed: 42 },
  paramsFile: '/ws/.pipewright/runs/r1/params.json',
  step: { run: 'true' },
};

describe('the variables a step gets', () => {
  it('names the commit its pipeline comes from, so a step can record it (a model card)', () => {
    const env = stepEnvironment({ ...input, gitCommit: '0123456789abcdef0123456789abcdef01234567' });
    expect(env).toMatchObject({
      PW_GIT_COMMIT: '0123456789abcdef0123456789abcdef01234567',
      PW_PARAM_SEED: '42',
      LEVEL: 'info',
      PW_STEP_ID: 'package',
    });
  });

  it('leaves the commit empty outside a git repository', () => {
    expect(stepEnvironment({ ...input, gitCommit: null }).PW_GIT_COMMIT).toBe('');
  });
});
