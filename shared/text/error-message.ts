// What was thrown is `unknown` in a catch clause: these read its message and its Node error
// code without a cast, so a thrown string or a plain object reads as well as an Error.

/** The message of whatever was thrown: an error's own message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message;
  return String(error);
}

/** The error code a Node or library error carries (`ENOENT`, `EEXIST`, `NotFoundError`), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}
