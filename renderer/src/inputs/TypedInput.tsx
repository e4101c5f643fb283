// A text input over a value that is not text (a number, a list), following typed-text.ts: what
// is typed stays as typed, a value is committed only when the text says one, and a mistake is
// shown under the field (data-testid "<testId>-error") instead of being turned into a value.
import { useState } from 'react';
import type { InputHTMLAttributes } from 'react';
import type { Reading, TypedTextState } from './typed-text.js';
import { followValue, leaveField, startTyping, typeText, typedTextError } from './typed-text.js';

interface TypedInputProps<T> extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  testId: string;
  /** As the store holds it: a new object on every render would reset the text each time. */
  value: unknown;
  read(text: string): Reading<T>;
  format(value: unknown): string;
  onValue(value: T): void;
}

export function TypedInput<T>({
  testId,
  value,
  read,
  format,
  onValue,
  onBlur,
  className,
  ...input
}: TypedInputProps<T>) {
  const [state, setState] = useState<TypedTextState>(() => startTyping(value, format));
  const [seen, setSeen] = useState(value);
  let current = state;
  if (seen !== value) {
    // Adjusting state while rendering (React's pattern for following a prop) avoids a frame
    // that shows the old text.
    current = followValue(state, value, read, format);
    setSeen(value);
    setState(current);
  }
  const error = typedTextError(current, read);
  return (
    <>
      <input
        {...input}
        data-testid={testId}
        className={`${className ?? ''}${error ? ' invalid' : ''}`.trim() || undefined}
        aria-invalid={error !== null}
        value={current.text}
        spellCheck={false}
        onChange={(event) => {
          const typed = typeText(current, event.target.value, read);
          setState(typed.state);
          if (typed.commit) onValue(typed.commit.value);
        }}
        onBlur={(event) => {
          setState(leaveField(current));
          onBlur?.(event);
        }}
      />
      {error ? (
        <span className="field-problem error" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </>
  );
}
