// The web host: the studio in a browser. It serves the built renderer and carries the same
// contract as the desktop app over a WebSocket, on 127.0.0.1 only. Every request needs the
// random token from the printed URL, and a foreign Host (DNS rebinding) or Origin (another
// site in the same browser) is refused before anything is read.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { dispatch } from '../services/studio/contract-dispatcher.js';
import type { StudioBackend } from '../services/studio/studio-backend.js';
import { contentSecurityPolicy } from './content-security.js';
import { staticFile } from './static-files.js';

export interface WebHostOptions {
  backend: StudioBackend;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'pipewright_token';
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return null;
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((host) => `http://${host}`);

  /** Why a request is refused, or null when it may go on. */
  const refusal = (request: IncomingMessage, url: URL, needOrigin: boolean): [number, string] | null => {
    if (!allowedHosts().includes(request.headers.host ?? '')) return [403, 'forbidden host'];
    const origin = request.headers.origin;
    if ((needOrigin || origin !== undefined) && !allowedOrigins().includes(origin ?? '')) return [403, 'forbidden origin'];
    if (!tokenMatches(token, url.searchParams.get('token') ?? cookieToken(request))) return [401, 'missing or wrong token'];
    return null;
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(request, url, false);
    if (refused) {
      response.writeHead(refused[0], { 'content-type': 'text/plain; charset=utf-8' }).end(`${refused[1]}\n`);
      return;
    }
    const file = request.method === 'GET' || request.method === 'HEAD' ? staticFile(options.staticDir, url.pathname) : null;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy(allowedHosts().map((host) => `ws://${host}`)),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const refused = url.pathname === '/contract' ? refusal(request, url, true) : [404, 'not found'] as [number, string];
    if (refused) {
      socket.end(`HTTP/1.1 ${refused[0]} ${refused[1]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => serveClient(client, options.backend));
  });

  const unsubscribe = options.backend.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () => new Promise<void>((done) => {
          unsubscribe();
          for (const client of sockets.clients) client.terminate();
          sockets.close();
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

function serveClient(client: WebSocket, backend: StudioBackend): void {
  client.on('message', (data) => {
    let message: { id?: unknown; channel?: unknown; request?: unknown };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      client.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid-request', message: 'not JSON' } } }));
      return;
    }
    void dispatch(backend.handlers, message.channel, message.request).then((result) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify({ id: message.id ?? null, result }));
    });
  });
}
