// A form field over a value that is not text (a number, a list): the text stays exactly as
// typed between keys ("0.", "-", "1e" on the way to a number), a value is committed only when
// the text says one completely, and the text is replaced only when the value changes for
// another reason (undo, a reload, another window). A mistake is shown at once; an unfinished
// number once the field is left. Typing "0.05" key by key therefore gives 0.05. A mistake
// ("0,05") puts back the value the field had before the typing began, so the "0" committed on
// the way is not what gets saved.
import { readNumberText } from '../../../shared/pipeline/number-text.js';
import type { NumberKind } from '../../../shared/pipeline/number-text.js';

export type Reading<T> = { ok: true; value: T } | { ok: false; partial: boolean; error: string };

export interface TypedTextState {
  text: string;
  /** The value the text was last in step with: the one given, or the one committed. */
  value: unknown;
  /** The value from before the typing began: a mistake puts it back. */
  origin: unknown;
  /** The value was committed by typing, and the store has not given it back yet. */
  echo: boolean;
  /** The field was left since the last key. */
  left: boolean;
}

/** Equal as the file sees them: an empty list or text is the same as no value. */
const normal = (value: unknown) => (value === '' || (Array.isArray(value) && value.length === 0) ? undefined : value);
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

export function startTyping(value: unknown, format: (value: unknown) => string): TypedTextState {
  return { text: format(value), value, origin: value, echo: false, left: false };
}

/** A key pressed: the new state, and the value to commit when the text now says a different one. */
export function typeText<T>(
  state: TypedTextState,
  text: string,
  read: (text: string) => Reading<T>,
): { state: TypedTextState; commit: { value: T } | null } {
  const reading = read(text);
  if (!reading.ok && !reading.partial && !sameValue(state.value, state.origin)) {
    // The typed value is wrong, so the one committed on the way to it ("0" of "0,05") is too.
    const origin = state.origin as T;
    return { state: { ...state, text, value: origin, echo: true, left: false }, commit: { value: origin } };
  }
  if (!reading.ok || sameValue(reading.value, state.value))
    return { state: { ...state, text, left: false }, commit: null };
  return {
    state: { ...state, text, value: reading.value, echo: true, left: false },
    commit: { value: reading.value },
  };
}

/** The value given from outside changed: keep the text when it already says that value. */
export function followValue<T>(
  state: TypedTextState,
  value: unknown,
  read: (text: string) => Reading<T>,
  format: (value: unknown) => string,
): TypedTextState {
  // The store giving back what the typing committed: the text stays, even a mistaken one.
  if (state.echo && sameValue(value, state.value)) return { ...state, value, echo: false };
  const reading = read(state.text);
  if (reading.ok && sameValue(reading.value, value)) return { ...state, value, origin: value, echo: false };
  return { text: format(value), value, origin: value, echo: false, left: state.left };
}

/** The field was left: what it holds now is where the next typing starts from. */
export const leaveField = (state: TypedTextState): TypedTextState => ({ ...state, origin: state.value, left: true });

/** What to tell the user about the text: a mistake at once, an unfinished number once the field is left. */
export function typedTextError<T>(state: TypedTextState, read: (text: string) => Reading<T>): string | null {
  const reading = read(state.text);
  return reading.ok || (reading.partial && !state.left) ? null : reading.error;
}

// ---- readers, one per kind of field ----

/** A number field: empty is no value. */
export function numberField(kind: NumberKind): (text: string) => Reading<number | undefined> {
  return (text) => (text.trim() === '' ? { ok: true, value: undefined } : readNumberText(text, kind));
}

/** A number or, when the text cannot be one, the text itself (a date bound, a duration such as 1d). */
export function numberOrTextField(text: string): Reading<number | string | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const reading = readNumberText(trimmed);
  if (reading.ok) return reading;
  return reading.partial ? reading : { ok: true, value: trimmed };
}

/** true or false, as a YAML boolean; the beginning of either is unfinished, not wrong. */
export function booleanField(text: string): Reading<boolean | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (trimmed === 'true' || trimmed === 'false') return { ok: true, value: trimmed === 'true' };
  const partial = 'true'.startsWith(trimmed) || 'false'.startsWith(trimmed);
  return { ok: false, partial, error: `${JSON.stringify(text)} is not true or false` };
}

/** Text as it is: empty is no value. */
export const textField = (text: string): Reading<string | undefined> => ({
  ok: true,
  value: text === '' ? undefined : text,
});

/** A comma-separated list whose items each read as `item`; blank items are dropped (the next is being typed). */
export function listField<T>(
  item: (text: string) => Reading<T | undefined>,
): (text: string) => Reading<T[] | undefined> {
  return (text) => {
    const values: T[] = [];
    for (const part of text
      .split(',')
      .map((each) => each.trim())
      .filter(Boolean)) {
      const reading = item(part);
      if (!reading.ok) return { ...reading, error: `${reading.error} (in the list)` };
      if (reading.value !== undefined) values.push(reading.value);
    }
    return { ok: true, value: values.length === 0 ? undefined : values };
  };
}

export const formatText = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
export const formatList = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join(', ') : formatText(value);
