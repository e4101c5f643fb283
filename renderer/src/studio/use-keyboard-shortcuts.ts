// Keyboard shortcuts, in the browser and the desktop app alike (the desktop menu shows the
// same keys but leaves them to the page). Which key does what is the action list's
// (controllers/studio-actions.ts), which the command palette shows too. Typing in a field is
// left alone, except for save and the palette. Copy and paste of steps follow the clipboard
// events instead (see use-canvas-commands).
import { useEffect } from 'react';
import { actionForKey } from '../controllers/studio-actions.js';
import type { StudioCommand } from '../controllers/studio-actions.js';
import { useStudio } from './studio-context.js';

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function commandFor(event: KeyboardEvent): StudioCommand | null {
  return actionForKey(event, isTyping(event.target))?.command ?? null;
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
