// The object id git gives a file's content: SHA-1 of "blob <size>\0" and the bytes. Computed
// with Node's crypto, which is several times faster than a JavaScript SHA-1, since status
// hashes every file whose timestamps changed.
import { createHash } from 'node:crypto';

export function blobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
