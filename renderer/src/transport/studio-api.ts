// Calls into the node layer that either return the value or throw a StudioError carrying the
// contract's error code, message and problems, for components to show.
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { ErrorInfo } from '../../../shared/ipc/envelope.js';
import type { Transport } from './transport.js';

export class StudioError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

export type StudioApi = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;

export function studioApi(transport: Transport): StudioApi {
  return async (channel, request) => {
    const result = await transport.invoke(channel, request);
    if (!result.ok) throw new StudioError(result.error);
    return result.value;
  };
}
