// The desktop app's main process: one hardened window showing the studio, the contract over
// IPC, the menu, recent workspaces, and a single running instance.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, session } from 'electron';
import { EVENTS } from '../../shared/ipc/contract.js';
import type { EventMap, MenuCommand } from '../../shared/ipc/contract.js';
import { StudioBackend } from '../services/studio/studio-backend.js';
import { rendererDir } from '../web-host/static-files.js';
import { notifyAlerts } from './alert-notifications.js';
import { menuTemplate } from './app-menu.js';
import { APP_ORIGIN, APP_URL, registerAppScheme, serveRenderer } from './app-protocol.js';
import { EVENT_CHANNEL, registerContract, trustedSender } from './ipc-contract.js';
import { RecentWorkspacesFile } from './recent-workspaces.js';
import { denyPermissions, guardContents } from './web-contents-guard.js';
import { mainWindowOptions } from './window-options.js';
import { errorMessage } from '../../shared/text/error-message.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '..', '..', 'preload', 'preload.cjs');

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | null = null;
const recent = new RecentWorkspacesFile(join(app.getPath('userData'), 'recent-workspaces.json'));
const backend = new StudioBackend({ canOpenWorkspaces: true, recent });

function send(command: MenuCommand): void {
  window?.webContents.send(EVENT_CHANNEL, 'menu:command', { command });
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        send,
        openWorkspace: (path) => void openWorkspace(path),
        recent: recent.list(),
        isMac: process.platform === 'darwin',
      }),
    ),
  );
}

async function openWorkspace(path?: string): Promise<void> {
  let chosen = path;
  if (!chosen) {
    const answer = await dialog.showOpenDialog({
      title: 'Open a Pipewright workspace',
      properties: ['openDirectory', 'createDirectory'],
    });
    chosen = answer.canceled ? undefined : answer.filePaths[0];
  }
  if (!chosen) return;
  try {
    await backend.open(chosen);
    buildMenu();
    window?.webContents.reload();
  } catch (error) {
    dialog.showErrorBox('Cannot open workspace', errorMessage(error));
  }
}

/** A workspace named on the command line, else the most recent one. */
function initialWorkspace(argv: readonly string[]): string | undefined {
  const named = argv.slice(app.isPackaged ? 1 : 2).find((arg) => !arg.startsWith('-'));
  return named ?? process.env.PIPEWRIGHT_WORKSPACE ?? recent.list()[0];
}

function harden(): void {
  denyPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, APP_ORIGIN));
}

async function createWindow(): Promise<void> {
  window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  await window.loadURL(APP_URL);
}

app.on('second-instance', (_event, argv) => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
  const named = argv.slice(app.isPackaged ? 1 : 2).find((arg) => !arg.startsWith('-'));
  if (named) void openWorkspace(named);
});

app.on('window-all-closed', () => {
  void backend.close().finally(() => app.quit());
});

void app.whenReady().then(async () => {
  harden();
  serveRenderer(rendererDir());
  registerContract(
    ipcMain,
    backend.handlers,
    trustedSender(APP_ORIGIN, () => window?.webContents.id ?? null),
  );
  backend.events.subscribe((event, payload) => window?.webContents.send(EVENT_CHANNEL, event, payload));
  backend.events.subscribe((event, payload) => {
    if (event === EVENTS.alertsChanged)
      // cast: the listener is generic in its event; comparing `event` does not narrow `payload` with it
      notifyAlerts((payload as EventMap['alerts:changed']).raised, () => window?.show());
  });
  const start = initialWorkspace(process.argv);
  if (start)
    await backend
      .open(start)
      .catch((error: unknown) => dialog.showErrorBox('Cannot open workspace', errorMessage(error)));
  buildMenu();
  await createWindow();
  if (!start) await openWorkspace();
});
