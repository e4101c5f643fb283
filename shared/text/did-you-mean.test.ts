import { describe, expect, it } from 'vitest';
import { closestMatch } from './did-you-mean.js';

describe('closestMatch', () => {
  it.each([
    ['ruun', ['run', 'needs'], 'run'],
    ['biuld', ['build', 'test'], 'build'],
    ['warning', ['error', 'warn', 'log'], 'warn'],
    ['Severity', ['severity', 'name'], 'severity'],
    ['envirnment', ['environment', 'env'], 'environment'],
  ])('suggests %s -> %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });

  it.each([
    ['x', ['run']],
    ['deploy', ['ingest', 'clean']],
    ['zz', ['a']],
  ])('suggests nothing for %s', (word, candidates) => {
    expect(closestMatch(word, candidates)).toBeUndefined();
  });
});
