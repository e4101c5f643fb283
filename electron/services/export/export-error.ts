/** An export that cannot be made as asked: the message says what to change. */
export class ExportError extends Error {}
