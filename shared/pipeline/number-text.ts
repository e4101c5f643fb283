// Numbers as people type them, in a form or on the command line. Only plain decimal notation
// is a number (a sign, digits, a fraction, an exponent): "0x10", "1_000", "Infinity" or "1,5"
// are not silently read as something else. Input on its way to a number ("-", "0.", "1e") is
// told apart from a mistake, so a form can wait for the next key instead of complaining.

export type NumberKind = 'number' | 'integer';

export type NumberReading =
  | { ok: true; value: number }
  /** partial: more keys could still make it a number ("-", "1e"); otherwise it never will. */
  | { ok: false; partial: boolean; error: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** The beginnings of a number that are not one yet. */
const BEGINNING = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)e[+-]?|\.)?$/i;

/** The number a text says (surrounding spaces allowed), or why it says none. */
export function readNumberText(text: string, kind: NumberKind = 'number'): NumberReading {
  const trimmed = text.trim();
  const shown = JSON.stringify(text);
  if (!NUMBER.test(trimmed)) {
    return BEGINNING.test(trimmed)
      ? {
          ok: false,
          partial: true,
          error: trimmed === '' ? 'expected a number' : `${shown} is not a number yet: finish it or clear it`,
        }
      : {
          ok: false,
          partial: false,
          error: `${shown} is not a number${/^[+-]?\d*,\d+$/.test(trimmed) ? ' (use "." for decimals)' : ''}`,
        };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, partial: false, error: `${shown} is too large a number` };
  if (kind === 'integer' && !Number.isSafeInteger(value)) {
    return {
      ok: false,
      partial: false,
      error: Number.isInteger(value) ? `${shown} is too large a whole number` : `${shown} is not a whole number`,
    };
  }
  // -0 reads back as 0 in YAML and JSON; keep what is written the same as what is shown.
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
