// The contract over a WebSocket to the web host. The page was opened with ?token=..., and the
// same token opens the socket (the host also set it as a cookie).
import type { Channel, EventMap, EventName, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/envelope.js';
import type { Transport } from './transport.js';
import { z } from 'zod';

type Pending = (result: Result<unknown>) => void;

// What the host sends: an event, or the answer to request `id`. The answer is the contract's
// Result, made by the host's dispatcher; only its envelope is checked here.
const HOST_MESSAGE = z.object({
  id: z.number().optional(),
  result: z.custom<Result<unknown>>((value) => typeof value === 'object' && value !== null).optional(),
  event: z.string().optional(),
  payload: z.unknown().optional(),
});

export function connectWebSocket(location: Location): Promise<Transport> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(
    `${scheme}://${location.host}/contract${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  );
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const disconnectListeners = new Set<() => void>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = HOST_MESSAGE.parse(JSON.parse(message.data));
    if (data.event !== undefined) {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    } else if (typeof data.id === 'number' && data.result) {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'internal', message: 'the connection to Pipewright was lost' } });
    pending.clear();
    for (const listener of disconnectListeners) listener();
  });

  const transport: Transport = {
    invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'internal', message: 'not connected to Pipewright' } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        // cast: the host answers request `id` with the contract's Result for `channel`
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ id, channel, request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      // cast: the host sends event `event` with the contract's EventMap[event] payload
      const heard = listener as (payload: unknown) => void;
      set.add(heard);
      listeners.set(event, set);
      return () => set.delete(heard);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(transport), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            'cannot connect to Pipewright: is "pipewright serve" still running, and is the token in the address right?',
          ),
        ),
      { once: true },
    );
  });
}
