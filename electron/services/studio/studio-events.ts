// Events from the node layer to whoever shows the studio (a window, or web host sockets).
import type { EventMap, EventName } from '../../../shared/ipc/contract.js';

export type StudioEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export class StudioEvents {
  private readonly listeners = new Set<StudioEventListener>();

  subscribe(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
