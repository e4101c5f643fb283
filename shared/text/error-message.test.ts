import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it('reads the message of an error', () => {
    expect(errorMessage(new TypeError('not a notebook'))).toBe('not a notebook');
  });

  it('reads a thrown string, or a plain object with a message, as well', () => {
    expect(errorMessage('socket closed')).toBe('socket closed');
    expect(errorMessage({ message: 'engine gone' })).toBe('engine gone');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('errorCode', () => {
  it('reads the code of a Node error', () => {
    expect(errorCode(Object.assign(new Error('exists'), { code: 'EEXIST' }))).toBe('EEXIST');
  });

  it('has none for an error without a code, a code that is not text, or a thrown string', () => {
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode({ code: 42 })).toBeUndefined();
    expect(errorCode('ENOENT')).toBeUndefined();
  });
});
