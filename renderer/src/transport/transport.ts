// How the renderer reaches the node layer: the same typed contract over Electron IPC (the
// preload's bridge) or a WebSocket (the web host). Nothing else in the renderer knows which.
import type { Channel, EventMap, EventName, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/envelope.js';

export interface Transport {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Called when the connection to the node layer is lost (the web host stopped). */
  onDisconnect(listener: () => void): () => void;
}

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    pipewright?: Pick<Transport, 'invoke' | 'on'>;
  }
}
