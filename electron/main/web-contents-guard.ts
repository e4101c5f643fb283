// What pages of the app may do: navigate only within the app's own origin, open no windows,
// attach no webviews, and get no permission (camera, notifications, geolocation...) they ask for.
import type { Session, WebContents } from 'electron';

type NavigationEvent = { preventDefault(): void };

/** The slice of WebContents this uses, so tests can hand in a fake. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export function guardContents(contents: GuardedContents | WebContents, appOrigin: string): void {
  const guarded: GuardedContents = contents;
  guarded.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
  });
  guarded.on('will-attach-webview', (event) => event.preventDefault());
  guarded.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
