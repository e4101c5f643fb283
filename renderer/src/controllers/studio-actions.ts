// Every action the studio has, once: its name, its keys and where the command palette lists it.
// The keyboard shortcuts and the palette both read this list, so an action added here is
// reachable both ways, and the keys the palette shows are the keys that work.
import type { MenuCommand } from '../../../shared/ipc/contract.js';

/** The sidebar views, each also an action ("Show runs"). */
export const STUDIO_VIEWS = [
  'pipelines',
  'steps',
  'history',
  'git',
  'environments',
  'monitor',
  'production',
  'experiments',
] as const;
export type StudioView = (typeof STUDIO_VIEWS)[number];

/** What the studio can be asked to do: the desktop menu's commands and the page's own. */
export type StudioCommand = MenuCommand | 'export' | 'command-palette' | `show-${StudioView}`;

/** A key press: `mod` is Ctrl, or Cmd on a Mac; `shift` left out means either. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Also while typing in a field (save, the palette itself). */
  whileTyping?: boolean;
}

export interface StudioAction {
  command: StudioCommand;
  label: string;
  group: 'File' | 'Edit' | 'View' | 'Run' | 'Go to';
  shortcuts: Shortcut[];
}

const VIEW_LABELS: Record<StudioView, string> = {
  pipelines: 'Pipelines',
  steps: 'Step palette',
  history: 'Run history',
  git: 'Git',
  environments: 'Environments',
  monitor: 'Monitor',
  production: 'Production',
  experiments: 'Experiments',
};

export const STUDIO_ACTIONS: readonly StudioAction[] = [
  {
    command: 'command-palette',
    label: 'Show all commands',
    group: 'View',
    shortcuts: [{ key: 'p', mod: true, shift: true, whileTyping: true }],
  },
  { command: 'save', label: 'Save pipeline', group: 'File', shortcuts: [{ key: 's', mod: true, whileTyping: true }] },
  { command: 'export', label: 'Export to Argo Workflows or CI…', group: 'File', shortcuts: [] },
  { command: 'undo', label: 'Undo', group: 'Edit', shortcuts: [{ key: 'z', mod: true, shift: false }] },
  {
    command: 'redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
  },
  { command: 'select-all', label: 'Select all steps', group: 'Edit', shortcuts: [{ key: 'a', mod: true }] },
  { command: 'copy', label: 'Copy selected steps', group: 'Edit', shortcuts: [] },
  { command: 'paste', label: 'Paste steps', group: 'Edit', shortcuts: [] },
  { command: 'delete', label: 'Delete selected steps', group: 'Edit', shortcuts: [] },
  { command: 'fit-view', label: 'Fit view', group: 'View', shortcuts: [{ key: 'f', mod: false }] },
  { command: 'auto-layout', label: 'Auto layout', group: 'View', shortcuts: [{ key: 'l', mod: false, shift: false }] },
  {
    command: 'open-log',
    label: "Open the selected step's log",
    group: 'View',
    shortcuts: [{ key: 'l', mod: false, shift: true }],
  },
  { command: 'toggle-theme', label: 'Toggle light/dark theme', group: 'View', shortcuts: [] },
  { command: 'run', label: 'Run pipeline…', group: 'Run', shortcuts: [{ key: 'enter', mod: true }, { key: 'f5' }] },
  { command: 'cancel-run', label: 'Cancel run', group: 'Run', shortcuts: [] },
  ...STUDIO_VIEWS.map((view): StudioAction => ({
    command: `show-${view}`,
    label: `Show ${VIEW_LABELS[view]}`,
    group: 'Go to',
    shortcuts: [],
  })),
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function matches(shortcut: Shortcut, press: KeyPress, typing: boolean): boolean {
  if (typing && !shortcut.whileTyping) return false;
  const mod = press.ctrlKey || press.metaKey;
  if (press.key.toLowerCase() !== shortcut.key || press.altKey) return false;
  if (shortcut.mod !== undefined && shortcut.mod !== mod) return false;
  return shortcut.shift === undefined || shortcut.shift === press.shiftKey;
}

/** The action a key press asks for, if any. */
export function actionForKey(press: KeyPress, typing: boolean): StudioAction | null {
  return STUDIO_ACTIONS.find((action) => action.shortcuts.some((shortcut) => matches(shortcut, press, typing))) ?? null;
}

const KEY_NAMES: Record<string, string> = { enter: 'Enter', f5: 'F5' };

/** How a shortcut is written for people: Ctrl+Shift+P, or ⌘⇧P on a Mac. */
export function shortcutText(shortcut: Shortcut, mac: boolean): string {
  const key = KEY_NAMES[shortcut.key] ?? shortcut.key.toUpperCase();
  const parts = [shortcut.mod ? (mac ? '⌘' : 'Ctrl') : null, shortcut.shift ? (mac ? '⇧' : 'Shift') : null, key];
  return parts.filter((part) => part !== null).join(mac ? '' : '+');
}
