// The IPC registration with a fake ipcMain (the Electron binary is not available here) and the
// real studio backend on a temporary workspace.
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioBackend } from '../services/studio/studio-backend.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { INVOKE_CHANNEL, registerContract, trustedSender } from './ipc-contract.js';
import type { IpcMainLike } from './ipc-contract.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: IpcMainInvokeEvent, ...args: unknown[]): unknown {
    const handler = this.handlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error('nothing registered');
    return handler(event, ...args);
  }
}

const WINDOW_ID = 7;

function senderEvent(url: string, options: { contentsId?: number; subframe?: boolean } = {}): IpcMainInvokeEvent {
  const mainFrame = { url };
  const frame = options.subframe ? { url } : mainFrame;
  return {
    sender: { id: options.contentsId ?? WINDOW_ID, mainFrame },
    senderFrame: frame,
  } as unknown as IpcMainInvokeEvent;
}

let workspace: TempWorkspace;
let backend: StudioBackend;
let ipc: FakeIpcMain;

beforeEach(async () => {
  workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: echo a\n') });
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
  ipc = new FakeIpcMain();
  registerContract(
    ipc,
    backend.handlers,
    trustedSender('pipewright://app', () => WINDOW_ID),
  );
});
afterEach(async () => {
  await backend.close();
  workspace.remove();
});

describe('the contract over IPC', () => {
  it('answers a valid request from the app window', async () => {
    const result = await ipc.invoke(senderEvent('pipewright://app/index.html'), 'pipeline:load', { name: 'p' });
    expect(result).toMatchObject({ ok: true, value: { name: 'p', file: 'pipelines/p.pipeline.yaml', problems: [] } });
  });

  it('refuses an unknown channel', async () => {
    expect(
      await ipc.invoke(senderEvent('pipewright://app/index.html'), 'shell:exec', { command: 'rm -rf /' }),
    ).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('refuses a malformed request before any handler sees it', async () => {
    for (const request of [{ name: '../../etc/passwd' }, { name: 'p', extra: true }, null, 'p', { name: 42 }]) {
      expect(await ipc.invoke(senderEvent('pipewright://app/index.html'), 'pipeline:load', request)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
  });

  it('refuses a foreign sender: another origin, another window, a subframe', async () => {
    for (const event of [
      senderEvent('https://evil.example/index.html'),
      senderEvent('file:///tmp/page.html'),
      senderEvent('pipewright://app/index.html', { contentsId: 99 }),
      senderEvent('pipewright://app/index.html', { subframe: true }),
    ]) {
      expect(await ipc.invoke(event, 'pipeline:load', { name: 'p' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });

  it('turns a handler failure into an error envelope, never a throw', async () => {
    expect(
      await ipc.invoke(senderEvent('pipewright://app/index.html'), 'pipeline:load', { name: 'missing' }),
    ).toMatchObject({ ok: false, error: { code: 'not-found', message: 'there is no pipeline named "missing"' } });
  });
});
