// The application menu. Commands the page also has keys for are sent to it and shown with
// their keys but not bound here (registerAccelerator: false), so text fields keep their own
// editing keys; text editing itself uses Electron's roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract.js';

export interface MenuActions {
  send(command: MenuCommand): void;
  openWorkspace(path?: string): void;
  recent: readonly string[];
  isMac: boolean;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const page = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => actions.send(command),
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
  });
  const recent: MenuItemConstructorOptions[] =
    actions.recent.length > 0
      ? actions.recent.map((path) => ({ label: path, click: () => actions.openWorkspace(path) }))
      : [{ label: 'No recent workspaces', enabled: false }];

  return [
    ...(actions.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        page('New Pipeline', 'new-pipeline', 'CmdOrCtrl+N'),
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        page('Save', 'save', 'CmdOrCtrl+S'),
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        page('Undo', 'undo', 'CmdOrCtrl+Z'),
        page('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        page('Delete', 'delete', 'Delete'),
        page('Select All Steps', 'select-all', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: '&View',
      submenu: [
        page('Fit View', 'fit-view', 'F'),
        page('Auto Layout', 'auto-layout', 'L'),
        page('Open Step Log', 'open-log', 'Shift+L'),
        page('Toggle Light/Dark Theme', 'toggle-theme'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        { role: 'toggleDevTools' },
      ],
    },
    {
      label: '&Run',
      submenu: [page('Run Pipeline…', 'run', 'F5'), page('Cancel Run', 'cancel-run')],
    },
    { role: 'windowMenu' },
  ];
}
