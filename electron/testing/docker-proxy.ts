// A stand-in socket in front of the real Docker engine, that a test can cut: to Pipewright it
// looks exactly like the engine stopping, without stopping the engine other tests use. It can
// also hold back the requests of one kind (a container's create, start, ...) until released,
// so that a test acts at exactly that moment of a step.
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HeldRequests {
  /** How many requests of the kind arrived and wait. */
  count(): number;
  /** Lets the waiting requests (and later ones) through. */
  release(): void;
}

export interface DockerProxy {
  host: string;
  socketPath: string;
  /** Holds back requests whose first line ("POST /v1.41/containers/create?...") matches. */
  hold(requestLine: RegExp): HeldRequests;
  close(): Promise<void>;
}

interface Gate {
  pattern: RegExp;
  released: boolean;
  waiting: Array<() => void>;
}

export async function dockerProxy(target = '/var/run/docker.sock'): Promise<DockerProxy> {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'pw-docker-proxy-')), 'docker.sock');
  const sockets = new Set<Socket>();
  const gates: Gate[] = [];
  const server = createServer((client) => {
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    // A held request keeps its connection's later bytes behind it, in order.
    let held: Buffer[] | null = null;
    client.on('data', (chunk: Buffer) => {
      if (held) {
        held.push(chunk);
        return;
      }
      const line = chunk.toString('latin1', 0, Math.min(chunk.length, 512)).split('\r\n')[0] ?? '';
      const gate = gates.find((candidate) => !candidate.released && candidate.pattern.test(line));
      if (!gate) {
        upstream.write(chunk);
        return;
      }
      const queue: Buffer[] = [chunk];
      held = queue;
      gate.waiting.push(() => {
        held = null;
        for (const part of queue) upstream.write(part);
      });
    });
    client.on('end', () => upstream.end());
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    socketPath,
    hold: (pattern) => {
      const gate: Gate = { pattern, released: false, waiting: [] };
      gates.push(gate);
      return {
        count: () => gate.waiting.length,
        release: () => {
          gate.released = true;
          for (const resume of gate.waiting.splice(0)) resume();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
