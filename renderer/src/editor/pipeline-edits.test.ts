import { describe, expect, it } from 'vitest';
import { validatePipelineText } from '../../../shared/validation/validate.js';
import { patchYaml } from '../../../shared/yaml/patch-yaml.js';
import {
  addStep,
  connect,
  deleteSteps,
  disconnect,
  pasteSteps,
  renameParam,
  renameStep,
  setParam,
  uniqueStepId,
  updateStep,
} from './pipeline-edits.js';
import type { PipelineDraft } from './pipeline-edits.js';

const draft: PipelineDraft = {
  version: 1,
  name: 'p',
  steps: {
    extract: { run: 'echo e', outputs: ['e.csv'] },
    clean: { run: 'echo c', needs: ['extract'] },
    report: { run: 'echo r', needs: ['clean', 'extract'] },
  },
};

describe('pipeline edits', () => {
  it('finds a free step id', () => {
    expect(uniqueStepId(draft, 'shell')).toBe('shell');
    expect(uniqueStepId(draft, 'clean')).toBe('clean_2');
    expect(uniqueStepId(addStep(draft, 'clean_2', { run: 'x' }), 'clean')).toBe('clean_3');
    expect(uniqueStepId(draft, 'my step!')).toBe('my_step_');
  });

  it('renames a step everywhere it is needed, keeping step order', () => {
    const next = renameStep(draft, 'clean', 'tidy');
    expect(Object.keys(next.steps)).toEqual(['extract', 'tidy', 'report']);
    expect(next.steps.report?.needs).toEqual(['tidy', 'extract']);
    expect(renameStep(draft, 'clean', 'report')).toBe(draft);
  });

  it('deletes steps and the needs that pointed at them', () => {
    const next = deleteSteps(draft, ['extract']);
    expect(next.steps).toEqual({ clean: { run: 'echo c' }, report: { run: 'echo r', needs: ['clean'] } });
  });

  it('connects and disconnects without duplicates or self edges', () => {
    expect(connect(draft, 'clean', 'report')).toBe(draft);
    expect(connect(draft, 'report', 'report')).toBe(draft);
    expect(connect(draft, 'extract', 'clean')).toBe(draft);
    expect(disconnect(draft, 'extract', 'clean').steps.clean).toEqual({ run: 'echo c' });
    expect(connect(draft, 'report', 'extract').steps.extract?.needs).toEqual(['report']);
  });

  it('drops empty lists and undefined fields when updating a step', () => {
    const next = updateStep(draft, 'extract', { outputs: [], timeout: '5m', description: undefined });
    expect(next.steps.extract).toEqual({ run: 'echo e', timeout: '5m' });
  });

  it('adds params before the steps, renames and removes them', () => {
    const withParam = setParam(draft, 'region', { type: 'string', default: 'eu' });
    expect(Object.keys(withParam)).toEqual(['version', 'name', 'params', 'steps']);
    expect(patchYaml('version: 1\nname: p\nsteps: {}\n', { ...withParam, steps: {} })).toBe(
      'version: 1\nname: p\nparams:\n  region:\n    type: string\n    default: eu\nsteps: {}\n',
    );
    expect(renameParam(withParam, 'region', 'zone').params).toEqual({ zone: { type: 'string', default: 'eu' } });
    expect(setParam(withParam, 'region', undefined)).not.toHaveProperty('params');
  });

  it('pastes copies under new ids, rewiring needs among the copies', () => {
    const { draft: next, ids } = pasteSteps(draft, {
      steps: { clean: draft.steps.clean!, report: draft.steps.report! },
      offsets: {},
    });
    expect(ids).toEqual({ clean: 'clean_2', report: 'report_2' });
    expect(next.steps.report_2?.needs).toEqual(['clean_2', 'extract']);
    expect(next.steps.clean_2?.needs).toEqual(['extract']);
    const text = patchYaml('version: 1\nname: p\nsteps: {}\n', next);
    expect(validatePipelineText('pipelines/p.pipeline.yaml', text).problems).toEqual([]);
  });
});
