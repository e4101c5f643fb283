// The renderer is served from pipewright://app/, a privileged scheme of its own, rather than
// file://: it gets a real origin to check IPC senders against and the same CSP as the web host.
import { protocol } from 'electron';
import { staticFile } from '../web-host/static-files.js';
import { contentSecurityPolicy } from '../web-host/content-security.js';

export const APP_SCHEME = 'pipewright';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? staticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
