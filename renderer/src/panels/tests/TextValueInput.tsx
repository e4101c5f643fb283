// A text input over a value that is not text (a number, a list). What is typed stays as typed
// ("1." on the way to "1.5", "a, " before the next column) until the value changes elsewhere:
// undo, a reload, another window.
import { useState } from 'react';
import type { InputHTMLAttributes } from 'react';

interface TextValueInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  /** As the store holds it: a new object on every render would reset the text each time. */
  value: unknown;
  parse(text: string): unknown;
  format(value: unknown): string;
  onValue(value: unknown): void;
}

/** Equal as the file sees them: an empty list or text is the same as no value. */
const normal = (value: unknown) => (value === '' || (Array.isArray(value) && value.length === 0) ? undefined : value);
const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

export function TextValueInput({ value, parse, format, onValue, ...input }: TextValueInputProps) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // Adjusting state while rendering (React's pattern for following a prop) avoids a frame
    // that shows the old text.
    setSeen(value);
    if (!same(parse(text), value)) setText(format(value));
  }
  return (
    <input
      {...input}
      value={text}
      spellCheck={false}
      onChange={(event) => {
        setText(event.target.value);
        const next = parse(event.target.value);
        if (!same(next, value)) onValue(next);
      }}
    />
  );
}
