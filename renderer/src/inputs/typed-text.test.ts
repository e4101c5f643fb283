import { describe, expect, it } from 'vitest';
import type { Reading, TypedTextState } from './typed-text.js';
import {
  booleanField,
  followValue,
  formatList,
  formatText,
  leaveField,
  listField,
  numberField,
  numberOrTextField,
  startTyping,
  textField,
  typeText,
  typedTextError,
} from './typed-text.js';

/**
 * Types `keys` one by one over a field showing `initial` (its text selected, so the first key
 * replaces it), as the studio does: every commit goes
 * to the store, and the store's value comes back to the field. What the store ends with, what
 * the field shows, and the error once the field is left.
 */
function typeKeyByKey<T>(
  keys: string,
  read: (text: string) => Reading<T>,
  format: (value: unknown) => string,
  initial?: unknown,
) {
  let stored: unknown = initial;
  let state: TypedTextState = startTyping(stored, format);
  const commits: unknown[] = [];
  for (const [at, key] of [...keys].entries()) {
    const typed = typeText(state, at === 0 ? key : state.text + key, read);
    state = typed.state;
    if (typed.commit) {
      stored = typed.commit.value;
      commits.push(stored);
      state = followValue(state, stored, read, format);
    }
  }
  state = leaveField(state);
  return { stored, shown: state.text, commits, error: typedTextError(state, read) };
}

const number = numberField('number');
const integer = numberField('integer');

describe('typing into a number field key by key', () => {
  it('keeps decimals, negatives and exponents as typed, and stores what they say', () => {
    for (const [keys, value] of [
      ['0.05', 0.05],
      ['-0.5', -0.5],
      ['1e-3', 0.001],
      ['2.50', 2.5],
      ['-1.5e2', -150],
      ['.5', 0.5],
      ['1e3', 1000],
    ] as const) {
      expect(typeKeyByKey(keys, number, formatText)).toEqual(
        expect.objectContaining({ stored: value, shown: keys, error: null }),
      );
    }
    // The bug this replaces: the field showed the stored value, so "0." became "0" and "0.05" became 5.
    expect(typeKeyByKey('0.05', number, formatText).commits).toEqual([0, 0.05]);
  });

  it('waits on partial input and says so once the field is left, without storing it', () => {
    for (const keys of ['-', '1e', '1e-', '.', '-.']) {
      const typed = typeKeyByKey(keys, number, formatText, 7);
      expect(typed.shown).toBe(keys);
      expect(typed.stored).toBe(keys === '1e' || keys === '1e-' ? 1 : 7);
      expect(typed.error).toMatch(/is not a number yet: finish it or clear it/);
    }
    expect(typeKeyByKey('0.', number, formatText)).toEqual(
      expect.objectContaining({ stored: 0, shown: '0.', error: null }),
    );
  });

  it('says at once what can never be a number, and puts back the value from before the typing', () => {
    const typed = typeKeyByKey('1x', number, formatText);
    expect(typed).toEqual(expect.objectContaining({ stored: undefined, shown: '1x', error: '"1x" is not a number' }));
    // "0,05" as some locales write it: the "0" committed on the way does not stay.
    expect(typeKeyByKey('0,05', number, formatText, 0.001)).toEqual(
      expect.objectContaining({ stored: 0.001, shown: '0,05', error: '"0,05" is not a number (use "." for decimals)' }),
    );
    const state = typeText(startTyping(undefined, formatText), '0x10', number).state;
    expect(typedTextError(state, number)).toBe('"0x10" is not a number');
  });

  it('reads whole numbers for integer fields, and refuses fractions', () => {
    expect(typeKeyByKey('12', integer, formatText)).toEqual(expect.objectContaining({ stored: 12, error: null }));
    expect(typeKeyByKey('-3', integer, formatText)).toEqual(expect.objectContaining({ stored: -3, error: null }));
    expect(typeKeyByKey('1.5', integer, formatText)).toEqual(
      expect.objectContaining({ stored: undefined, shown: '1.5', error: '"1.5" is not a whole number' }),
    );
  });

  it('removes the value when the field is cleared, and follows a change made elsewhere', () => {
    let state = typeText(startTyping(5, formatText), '', number).state;
    expect(state.value).toBeUndefined();
    state = followValue(typeText(startTyping(5, formatText), '5.', number).state, 5, number, formatText);
    expect(state.text).toBe('5.');
    expect(followValue(state, 8, number, formatText).text).toBe('8');
    expect(followValue(typeText(startTyping(5, formatText), '-', number).state, 5, number, formatText).text).toBe('5');
  });
});

describe('fields of a number or text, and lists', () => {
  it('keeps a date or duration as text and a number as a number', () => {
    expect(typeKeyByKey('2024-01-01', numberOrTextField, formatText).stored).toBe('2024-01-01');
    expect(typeKeyByKey('1d', numberOrTextField, formatText).stored).toBe('1d');
    expect(typeKeyByKey('-0.05', numberOrTextField, formatText)).toEqual(
      expect.objectContaining({ stored: -0.05, shown: '-0.05', error: null }),
    );
    expect(typeKeyByKey('2.5e-1', numberOrTextField, formatText).stored).toBe(0.25);
    expect(typeKeyByKey('1e', numberOrTextField, formatText).error).toMatch(/not a number yet/);
  });

  it('keeps the separator being typed in a list, and reads each item by its type', () => {
    expect(typeKeyByKey('0.5, -1, 1e2', listField(number), formatList)).toEqual(
      expect.objectContaining({ stored: [0.5, -1, 100], shown: '0.5, -1, 1e2', error: null }),
    );
    expect(typeKeyByKey('eu, us', listField(textField), formatList)).toEqual(
      expect.objectContaining({ stored: ['eu', 'us'], shown: 'eu, us' }),
    );
    expect(typeKeyByKey('1, 2.5', listField(integer), formatList).error).toBe(
      '"2.5" is not a whole number (in the list)',
    );
    expect(typeKeyByKey('true, fals', listField(booleanField), formatList)).toEqual(
      expect.objectContaining({ stored: [true], error: '"fals" is not true or false (in the list)' }),
    );
    expect(typeKeyByKey('true, false', listField(booleanField), formatList)).toEqual(
      expect.objectContaining({ stored: [true, false], error: null }),
    );
    expect(typeKeyByKey('1, -', listField(number), formatList)).toEqual(
      expect.objectContaining({ stored: [1], error: '"-" is not a number yet: finish it or clear it (in the list)' }),
    );
  });
});
