import type { Transport } from './transport.js';
import { connectWebSocket } from './websocket-transport.js';

/** The desktop app's bridge when there is one, else the web host's socket. */
export async function createTransport(): Promise<Transport> {
  const bridge = window.pipewright;
  if (bridge) return { ...bridge, onDisconnect: () => () => undefined };
  return connectWebSocket(window.location);
}
