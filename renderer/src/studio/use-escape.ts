// Escape closes the dialog that is open: one listener on the window while it is shown.
import { useEffect } from 'react';

/** `onEscape` runs on Escape while `active` (a dialog shown). */
export function useEscape(onEscape: () => void, active = true): void {
  useEffect(() => {
    if (!active) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape, active]);
}
