// The only bridge between the page and Electron: `invoke` and `on`, for the contract's known
// channels and events, nothing else. Runs sandboxed with context isolation.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/contract.js';

const INVOKE_CHANNEL = 'pipewright:invoke';
const EVENT_CHANNEL = 'pipewright:event';

contextBridge.exposeInMainWorld('pipewright', {
  invoke(channel: unknown, request: unknown) {
    if (!isChannel(channel))
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `unknown channel ${String(channel)}` },
      });
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, request);
  },
  on(event: unknown, listener: (payload: unknown) => void) {
    if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
    const forward = (_sender: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
