// The web host on a real socket: a request without the token, with a wrong one, from a foreign
// Origin or to a foreign Host is refused; a path that tries to leave the built studio is refused
// however an attacker encodes it (sent as raw request lines, so no client tidies it first); any
// message on the contract socket gets an answer or a closed socket, never a dead host; the
// studio's own page and contract work.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { StudioBackend } from '../services/studio/studio-backend.js';
import { pipelineYaml, tempWorkspace } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { startWebHost } from './web-host.js';
import type { WebHost } from './web-host.js';

let workspace: TempWorkspace;
let backend: StudioBackend;
let host: WebHost;
let outside: string;
let staticDir: string;

const SECRET = 'not for the browser';

beforeEach(async () => {
  workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: echo a\n') });
  // The built studio, with secrets beside it, in a sibling whose name starts the same, and one
  // symlink inside that leads out.
  outside = mkdtempSync(join(tmpdir(), 'pipewright-static-'));
  staticDir = join(outside, 'studio');
  mkdirSync(staticDir);
  mkdirSync(join(outside, 'studio-other'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log("studio")');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(outside, 'studio-other', 'secret.txt'), SECRET);
  symlinkSync(join(outside, 'secret.txt'), join(staticDir, 'linked.txt'));
  writeFileSync(join(workspace.root, 'secret.txt'), SECRET);
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
  host = await startWebHost({ backend, staticDir });
});
afterEach(async () => {
  await host.close();
  await backend.close();
  workspace.remove();
  rmSync(outside, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** One raw HTTP request, the request line exactly as given: no client normalises the path first. */
function raw(requestLine: string): Promise<{ status: number; response: string }> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(host.port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('latin1');
    });
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0), response }));
    socket.on('error', reject);
    socket.write(
      `${requestLine}\r\nHost: 127.0.0.1:${host.port}\r\nCookie: pipewright_token=${host.token}\r\nConnection: close\r\n\r\n`,
      'latin1',
    );
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/contract${query}`, {
      headers: { origin: `http://127.0.0.1:${host.port}`, ...headers },
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${String(res.statusCode)}`)));
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, channel: string, body: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve((JSON.parse(data.toString()) as { result: unknown }).result));
    socket.send(JSON.stringify({ id: 1, channel, request: body }));
  });
}

describe('the web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the studio with the token, with a CSP and the token as a strict cookie', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>studio</title>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect((await get('/', { cookie: `pipewright_token=${host.token}` })).status).toBe(200);
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${host.token.slice(0, -1)}x`)).status).toBe(401);
    expect((await get('/', { cookie: 'pipewright_token=nope' })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    expect((await get(`/?token=${host.token}`, { host: 'evil.example' })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `127.0.0.1.evil.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses, at its own guard, a path that leaves the built studio however it is encoded', async () => {
    expect((await raw('GET /app.js HTTP/1.1')).status).toBe(200);
    const attacks = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/\\..\\secret.txt',
      '/studio/../../secret.txt',
      '/./../secret.txt',
      '/.%2e/secret.txt',
      '/%2e./secret.txt',
      '/../studio-other/secret.txt',
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/app.js%00.html',
      '/..%c0%afsecret.txt',
      '/%',
      '/%zz',
    ];
    for (const path of attacks) {
      const answer = await raw(`GET ${path} HTTP/1.1`);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.response).not.toContain(SECRET);
    }
  });

  it('decodes a path once: a double-encoded traversal is a file name that does not exist', async () => {
    for (const path of ['/%252e%252e/secret.txt', '/..%252fsecret.txt', '/%252e%252e%255csecret.txt']) {
      const answer = await raw(`GET ${path} HTTP/1.1`);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.response).not.toContain(SECRET);
    }
  });

  it('never follows a symlink out of the built studio', async () => {
    const answer = await raw('GET /linked.txt HTTP/1.1');
    expect(answer.status).toBe(404);
    expect(answer.response).not.toContain(SECRET);
  });

  it('answers request targets it cannot read, and keeps serving', async () => {
    for (const target of ['http://[::1', 'http://evil.example/../secret.txt', '*', 'secret.txt']) {
      const answer = await raw(`GET ${target} HTTP/1.1`);
      expect({ target, status: answer.status }).toEqual({ target, status: 400 });
      expect(answer.response).not.toContain(SECRET);
    }
    expect((await raw('GET /app.js HTTP/1.1')).status).toBe(200);
  });

  it('opens the contract socket only with the token, the right Origin and Host', async () => {
    await expect(connect('')).rejects.toThrow('refused 401');
    await expect(connect('?token=wrong')).rejects.toThrow('refused 401');
    await expect(connect(`?token=${host.token}`, { origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect(`?token=${host.token}`, { origin: '' })).rejects.toThrow('refused 403');
    await expect(connect(`?token=${host.token}`, { host: 'evil.example' })).rejects.toThrow('refused 403');
  });

  it('survives any message on the contract socket: each gets an answer or a closed socket, and the host goes on', async () => {
    const socket = await connect(`?token=${host.token}`);
    const answer = (data: string | Buffer, binary = false) =>
      new Promise<unknown>((resolve) => {
        socket.once('message', (reply) => resolve(JSON.parse(reply.toString())));
        socket.send(data, { binary });
      });
    for (const message of [
      'null',
      '5',
      '-1e999',
      '[]',
      '[1,2]',
      '"text"',
      'true',
      '{}',
      '{"channel":5}',
      '{"channel":{}}',
      '{"channel":"__proto__"}',
      '{"channel":"constructor"}',
      '{"id":{"a":[1]},"channel":"pipeline:load","request":null}',
      '{"channel":"pipeline:load","request":"p"}',
      '{',
      '',
    ]) {
      expect({ message, reply: await answer(message) }).toMatchObject({ message, reply: { result: { ok: false } } });
    }
    expect(await answer(Buffer.from([0x00, 0xff, 0x10]), true)).toMatchObject({ result: { ok: false } });
    expect(await call(socket, 'pipeline:load', { name: 'p' })).toMatchObject({ ok: true });

    // Text that is not UTF-8 and a frame over the size limit end that connection, not the host.
    for (const [data, code] of [
      [Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), 1007],
      [Buffer.alloc(17 * 1024 * 1024, 0x20), 1009],
    ] as const) {
      const victim = await connect(`?token=${host.token}`);
      const closed = new Promise<number>((resolve) => victim.once('close', (closeCode: number) => resolve(closeCode)));
      victim.on('error', () => undefined);
      victim.send(data, { binary: false });
      expect(await closed).toBe(code);
    }
    expect(await call(socket, 'pipeline:load', { name: 'p' })).toMatchObject({ ok: true });
    const fresh = await connect(`?token=${host.token}`);
    expect(await call(fresh, 'pipeline:load', { name: 'p' })).toMatchObject({ ok: true });
    fresh.close();
    socket.close();
  });

  it('carries the contract, validating every request', async () => {
    const socket = await connect(`?token=${host.token}`);
    expect(await call(socket, 'pipeline:load', { name: 'p' })).toMatchObject({ ok: true, value: { name: 'p' } });
    expect(await call(socket, 'pipeline:load', { name: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await call(socket, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call(socket, 'workspace:open', { path: '/' })).toMatchObject({
      ok: false,
      error: { code: 'not-supported' },
    });
    socket.close();
  });
});
