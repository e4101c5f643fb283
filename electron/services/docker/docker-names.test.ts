import { describe, expect, it } from 'vitest';
import {
  branchEnvironmentRef,
  builtImageTag,
  labelFilter,
  labels,
  networkName,
  serviceContainerName,
  volumeName,
} from './docker-names.js';

const dev = { root: '/home/ana/churn', environment: 'dev' };

describe('docker names', () => {
  it('names every resource of an environment under one prefix that Docker accepts', () => {
    for (const name of [networkName(dev), volumeName(dev, 0), serviceContainerName(dev, 'db')]) {
      expect(name).toMatch(/^pipewright-[0-9a-f]{10}-dev(-|$)/);
      expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
    }
    expect(builtImageTag(dev)).toMatch(/^pipewright\/[0-9a-f]{10}-dev:latest$/);
  });

  it('keeps environments whose names differ only in case or symbols apart', () => {
    const upper = { ...dev, environment: 'Dev' };
    const spaced = { ...dev, environment: 'd ev' };
    const names = new Set([
      networkName(dev),
      networkName(upper),
      networkName(spaced),
      networkName({ ...dev, environment: 'd-ev' }),
    ]);
    expect(names.size).toBe(4);
    expect(networkName(upper)).toMatch(/^[a-z0-9_.-]+$/);
  });

  it('separates workspaces at different paths', () => {
    expect(networkName(dev)).not.toBe(networkName({ ...dev, root: '/home/ana/churn-2' }));
  });

  it('labels resources so a filter by workspace, environment and kind finds them', () => {
    const given = labels(dev, 'service', { 'dev.pipewright.service': 'db' });
    const filter = labelFilter(dev.root, 'dev', 'service').label;
    for (const entry of filter) {
      const [key, value] = entry.split('=') as [string, string];
      expect(given[key]).toBe(value);
    }
    expect(labelFilter(dev.root).label).toHaveLength(1);
  });

  it("names a branch's copy of an environment after the branch, apart from the environment and from other branches", () => {
    const copy = branchEnvironmentRef(dev.root, 'dev', 'feature/new-model');
    expect(copy.environment).toBe('dev~feature/new-model');
    for (const name of [networkName(copy), volumeName(copy, 0), serviceContainerName(copy, 'db')]) {
      expect(name).toMatch(/^pipewright-[0-9a-f]{10}-dev-feature-new-model-[0-9a-f]{6}(-|$)/);
      expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
    }
    const others = [
      networkName(dev),
      networkName(branchEnvironmentRef(dev.root, 'dev', 'feature-new-model')),
      networkName({ ...dev, environment: 'dev-feature-new-model' }),
    ];
    expect(new Set([networkName(copy), ...others]).size).toBe(4);
    expect(labels(copy, 'volume')).toMatchObject({
      'dev.pipewright.environment': 'dev~feature/new-model',
      'dev.pipewright.branch': 'feature/new-model',
    });
    expect(labels(dev, 'volume')).not.toHaveProperty(['dev.pipewright.branch']);
  });
});
