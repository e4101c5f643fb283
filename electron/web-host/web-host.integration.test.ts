// The web host on a real socket: a request without the token, with a wrong one, from a foreign
// Origin or to a foreign Host is refused; the studio's own page and contract work.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
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
let staticDir: string;

beforeEach(async () => {
  workspace = tempWorkspace({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  a:\n    run: echo a\n') });
  staticDir = mkdtempSync(join(tmpdir(), 'pipewright-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(workspace.root, 'secret.txt'), 'not for the browser');
  backend = new StudioBackend({ canOpenWorkspaces: false });
  await backend.open(workspace.root);
  host = await startWebHost({ backend, staticDir });
});
afterEach(async () => {
  await host.close();
  await backend.close();
  workspace.remove();
  rmSync(staticDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/contract${query}`, { headers: { origin: `http://127.0.0.1:${host.port}`, ...headers } });
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

  it('serves nothing outside the built studio', async () => {
    expect((await get(`/../secret.txt?token=${host.token}`)).status).toBe(404);
    expect((await get(`/%2e%2e/%2e%2e/etc/passwd?token=${host.token}`)).status).toBe(404);
  });

  it('opens the contract socket only with the token, the right Origin and Host', async () => {
    await expect(connect('')).rejects.toThrow('refused 401');
    await expect(connect('?token=wrong')).rejects.toThrow('refused 401');
    await expect(connect(`?token=${host.token}`, { origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect(`?token=${host.token}`, { origin: '' })).rejects.toThrow('refused 403');
    await expect(connect(`?token=${host.token}`, { host: 'evil.example' })).rejects.toThrow('refused 403');
  });

  it('carries the contract, validating every request', async () => {
    const socket = await connect(`?token=${host.token}`);
    expect(await call(socket, 'pipeline:load', { name: 'p' })).toMatchObject({ ok: true, value: { name: 'p' } });
    expect(await call(socket, 'pipeline:load', { name: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call(socket, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await call(socket, 'workspace:open', { path: '/' })).toMatchObject({ ok: false, error: { code: 'not-supported' } });
    socket.close();
  });
});
