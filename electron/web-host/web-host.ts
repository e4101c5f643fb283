// The web host: the studio in a browser. It serves the built renderer and carries the same
// contract as the desktop app over a WebSocket, on 127.0.0.1 only. Every request needs the
// random token from the printed URL, and a foreign Host (DNS rebinding) or Origin (another
// site in the same browser) is refused before anything is read. Whatever arrives — any request
// target, any frame on the socket — is answered or closes that connection; it never throws in
// the host.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import type { RawData, WebSocket } from 'ws';
import { dispatch } from '../services/studio/contract-dispatcher.js';
import type { StudioBackend } from '../services/studio/studio-backend.js';
import { contentSecurityPolicy } from './content-security.js';
import { staticFile, staticRelativePath } from './static-files.js';

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

interface RequestTarget {
  /** As sent, still percent-encoded: the static-file guard judges it, nothing tidies it first. */
  path: string;
  query: URLSearchParams;
}

/** The origin-form target of a request ("/path?query"), or null for any other form (absolute, "*"). */
function requestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  const hash = raw.indexOf('#');
  const target = hash < 0 ? raw : raw.slice(0, hash);
  const question = target.indexOf('?');
  return question < 0
    ? { path: target, query: new URLSearchParams() }
    : { path: target.slice(0, question), query: new URLSearchParams(target.slice(question + 1)) };
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
  const refusal = (
    request: IncomingMessage,
    target: RequestTarget | null,
    needOrigin: boolean,
  ): [number, string] | null => {
    if (target === null) return [400, 'bad request target'];
    if (!allowedHosts().includes(request.headers.host ?? '')) return [403, 'forbidden host'];
    const origin = request.headers.origin;
    if ((needOrigin || origin !== undefined) && !allowedOrigins().includes(origin ?? ''))
      return [403, 'forbidden origin'];
    if (!tokenMatches(token, target.query.get('token') ?? cookieToken(request))) return [401, 'missing or wrong token'];
    if (staticRelativePath(target.path) === null) return [400, 'bad path'];
    return null;
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const target = requestTarget(request.url);
    const refused = refusal(request, target, false);
    if (refused || target === null) {
      const [status, reason] = refused ?? [400, 'bad request target'];
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${reason}\n`);
      return;
    }
    const file =
      request.method === 'GET' || request.method === 'HEAD' ? staticFile(options.staticDir, target.path) : null;
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
    const target = requestTarget(request.url);
    const refused: [number, string] | null =
      target === null || target.path === '/contract' ? refusal(request, target, true) : [404, 'not found'];
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
      // cast: a server listening on a TCP port has an AddressInfo (a string is for a pipe)
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
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

const refusedMessage = (message: string) =>
  JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid-request', message } } });

/** The parts of a contract message, or why it is not one: JSON text of an object {id, channel, request}. */
function readMessage(data: RawData, isBinary: boolean): { id: unknown; channel: unknown; request: unknown } | string {
  if (isBinary) return 'messages are JSON text, not binary frames';
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
  } catch {
    return 'not JSON';
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message))
    return 'a message is a JSON object {id, channel, request}';
  const { id, channel, request } = CLIENT_MESSAGE.parse(message);
  return { id: id ?? null, channel, request };
}

// The fields of a client's message, each checked by the dispatcher against the contract.
const CLIENT_MESSAGE = z.object({
  id: z.unknown().optional(),
  channel: z.unknown().optional(),
  request: z.unknown().optional(),
});

const rawText = (data: RawData) =>
  (Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');

function serveClient(client: WebSocket, backend: StudioBackend): void {
  const reply = (text: string) => {
    if (client.readyState === client.OPEN) client.send(text);
  };
  // ws closes the connection itself on a protocol error (text that is not UTF-8: 1007, a frame
  // over maxPayload: 1009) and then reports it here; the host has nothing more to do.
  client.on('error', () => undefined);
  client.on('message', (data, isBinary) => {
    const message = readMessage(data, isBinary);
    if (typeof message === 'string') {
      reply(refusedMessage(message));
      return;
    }
    dispatch(backend.handlers, message.channel, message.request).then(
      (result) => reply(JSON.stringify({ id: message.id, result })),
      (error: unknown) =>
        reply(
          JSON.stringify({
            id: message.id,
            result: { ok: false, error: { code: 'internal', message: String(error) } },
          }),
        ),
    );
  });
}
