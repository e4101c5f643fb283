// What crosses the boundary between the renderer and the node layer: always a value or an
// error object, never a thrown exception.
import type { Problem } from '../pipeline/problem.js';

export type ErrorCode =
  | 'invalid-request'
  | 'unknown-channel'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-file'
  | 'not-supported'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  problems?: Problem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, problems?: Problem[]): Result<never> => ({
  ok: false,
  error: problems ? { code, message, problems } : { code, message },
});

/** An error a handler raises on purpose; the boundary turns it into a failed Result. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
  }
}
