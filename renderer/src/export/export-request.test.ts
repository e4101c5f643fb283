import { describe, expect, it } from 'vitest';
import { exportRequest } from './export-request.js';
import type { ExportFields } from './export-request.js';

const fields: ExportFields = {
  target: 'argo-workflow',
  environment: 'prod',
  image: ' node:20 ',
  ref: '',
  volumeSize: '',
  repository: '',
  cron: '',
  onlyPipeline: false,
};

describe('exportRequest', () => {
  it('leaves out empty fields so the export defaults apply, and trims the rest', () => {
    expect(exportRequest('sales', fields)).toEqual({
      target: 'argo-workflow',
      pipeline: 'sales',
      environment: 'prod',
      image: 'node:20',
    });
  });

  it('takes the workspace schedule for a CronWorkflow without an expression', () => {
    expect(exportRequest('sales', { ...fields, target: 'argo-cron-workflow' })).toMatchObject({ schedule: true });
    expect(exportRequest('sales', { ...fields, target: 'argo-cron-workflow', cron: '0 6 * * 1' })).toMatchObject({
      cron: '0 6 * * 1',
    });
    expect(exportRequest('sales', { ...fields, target: 'argo-cron-workflow', cron: '0 6 * * 1' })).not.toHaveProperty(
      'schedule',
    );
  });

  it('gives CI targets only the environment and the choice of pipelines', () => {
    expect(exportRequest('sales', { ...fields, target: 'gitlab-ci', environment: '', onlyPipeline: true })).toEqual({
      target: 'gitlab-ci',
      pipeline: 'sales',
      onlyPipeline: true,
    });
  });
});
