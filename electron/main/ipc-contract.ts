// The contract over Electron IPC. One invoke channel carries every request: the sender must be
// our window's main frame showing our own page, and the request goes through the same
// dispatcher (channel check, zod validation, error envelope) as the web host's.
import type { IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/ipc/envelope.js';
import type { Result } from '../../shared/ipc/envelope.js';
import { dispatch } from '../services/studio/contract-dispatcher.js';
import type { ContractHandlers } from '../services/studio/contract-dispatcher.js';

export const INVOKE_CHANNEL = 'pipewright:invoke';
export const EVENT_CHANNEL = 'pipewright:event';

/** The part of Electron's ipcMain this needs, so tests can hand in a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** True for our window's top frame showing a page of the app's own origin. */
export function trustedSender(appOrigin: string, windowContentsId: () => number | null): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame) return false;
    if (event.sender.id !== windowContentsId()) return false;
    try {
      // Compare scheme and host: a custom scheme's URL origin is the opaque "null", as file:'s is.
      const page = new URL(frame.url);
      const app = new URL(appOrigin);
      return page.protocol === app.protocol && page.host === app.host;
    } catch {
      return false;
    }
  };
}

export function registerContract(ipc: IpcMainLike, handlers: ContractHandlers, isTrusted: SenderCheck): () => void {
  ipc.handle(INVOKE_CHANNEL, async (event, channel, request): Promise<Result<unknown>> => {
    if (!isTrusted(event)) return fail('forbidden', 'request from an unknown sender refused');
    return dispatch(handlers, channel, request);
  });
  return () => ipc.removeHandler(INVOKE_CHANNEL);
}
