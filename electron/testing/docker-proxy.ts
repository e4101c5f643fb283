// A stand-in socket in front of the real Docker engine, that a test can cut: to Pipewright it
// looks exactly like the engine stopping, without stopping the engine other tests use.
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function dockerProxy(target = '/var/run/docker.sock'): Promise<{ host: string; close(): Promise<void> }> {
  const path = join(mkdtempSync(join(tmpdir(), 'pw-docker-proxy-')), 'docker.sock');
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
