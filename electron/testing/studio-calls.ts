// Driving the studio's node side the way the renderer does: contract calls through the
// dispatcher (validation included) and a record of every event it sends.
import type { Channel, EventMap, EventName, RequestOf, ResponseOf } from '../../shared/ipc/contract.js';
import { dispatch } from '../services/studio/contract-dispatcher.js';
import type { StudioBackend } from '../services/studio/studio-backend.js';

export interface StudioEventRecord {
  event: EventName;
  payload: unknown;
}

/** Calls a channel; a failure rejects with the error's message, code and details. */
export async function callStudio<C extends Channel>(
  backend: StudioBackend,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await dispatch(backend.handlers, channel, request);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as ResponseOf<C>;
}

/** Every event the backend sends from now on, appended to `events`. */
export function recordStudioEvents(backend: StudioBackend, events: StudioEventRecord[]): void {
  backend.events.subscribe(<E extends EventName>(event: E, payload: EventMap[E]) => events.push({ event, payload }));
}
