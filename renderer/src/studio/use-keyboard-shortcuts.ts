// Keyboard shortcuts, in the browser and the desktop app alike (the desktop menu shows the
// same keys but leaves them to the page). Typing in a field is left alone, except for save.
// Copy and paste of steps follow the clipboard events instead (see use-canvas-commands).
import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/ipc/contract.js';
import { useStudio } from './studio-context.js';

export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export function commandFor(event: KeyboardEvent): MenuCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 's') return 'save';
  if (isTyping(event.target)) return null;
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'a') return 'select-all';
  if (mod && key === 'enter') return 'run';
  if (key === 'f5') return 'run';
  if (!mod && !event.altKey && key === 'f') return 'fit-view';
  // L lays the canvas out; Shift+L opens the selected step's log.
  if (!mod && !event.altKey && key === 'l') return event.shiftKey ? 'open-log' : 'auto-layout';
  return null;
}

export function useKeyboardShortcuts(): void {
  const { controller } = useStudio();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      controller.command(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
