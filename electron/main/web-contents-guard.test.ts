import { describe, expect, it } from 'vitest';
import { denyPermissions, guardContents } from './web-contents-guard.js';
import type { GuardedContents, GuardedSession } from './web-contents-guard.js';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
  } as unknown as GuardedContents;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)?.(
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      url,
    );
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('the guard on every page of the app', () => {
  it('blocks navigation away from the app, webviews and new windows', () => {
    const page = fakeContents();
    guardContents(page.contents, 'pipewright://app');
    expect(page.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(page.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(page.fire('will-navigate', 'pipewright://app.evil/index.html')).toBe(true);
    expect(page.fire('will-navigate', 'pipewright://app/index.html')).toBe(false);
    expect(page.fire('will-attach-webview')).toBe(true);
    expect(page.open('https://example.com')).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let requestHandler:
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof requestHandler) => {
        requestHandler = handler;
      },
      setPermissionCheckHandler: (handler: typeof checkHandler) => {
        checkHandler = handler;
      },
    } as unknown as GuardedSession;
    denyPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read'])
      requestHandler?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(checkHandler?.()).toBe(false);
  });
});
