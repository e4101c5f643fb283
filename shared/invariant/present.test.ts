import { describe, expect, it } from 'vitest';
import { MissingValueError, present } from './present.js';

describe('present', () => {
  it('hands back a value that is there, falsy ones included', () => {
    expect(present(0, 'the count')).toBe(0);
    expect(present('', 'the name')).toBe('');
    expect(present(null, 'the value')).toBeNull();
  });

  it('stops with an error naming what is missing', () => {
    expect(() => present(new Map<string, number>().get('load'), 'the state of step load')).toThrow(
      new MissingValueError('internal error: the state of step load is missing'),
    );
  });
});
