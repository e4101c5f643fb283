// Blobs read and written with Node's zlib and crypto, synchronously. isomorphic-git hashes with
// WebCrypto and (de)compresses through web streams, so each object cost several round trips
// to the thread pool: a profile of a commit and a branch switch spent more time there than in
// anything else isomorphic-git did. Objects are still found, stored and named by isomorphic-git
// (loose or in a pack); only the hashing and compressing happen here, and every blob read is
// still checked against its id.
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError } from './git-errors.js';

export async function readBlob(context: GitContext, oid: string): Promise<Buffer> {
  const found = await git.readObject({ ...gitArgs(context), oid, format: 'deflated' });
  // A packed object comes back inflated and checked by isomorphic-git.
  if (found.format === 'content') {
    if (found.type !== 'blob') throw notABlob(oid, found.type);
    return Buffer.from(found.object);
  }
  if (found.format === 'parsed')
    throw new Error(`isomorphic-git read object ${oid} parsed, though asked for its bytes`);
  const wrapped = found.format === 'deflated' ? inflateSync(found.object) : Buffer.from(found.object);
  const space = wrapped.indexOf(0x20);
  const end = wrapped.indexOf(0);
  const type = wrapped.subarray(0, space).toString('latin1');
  if (space < 0 || end < space || type !== 'blob') throw notABlob(oid, type);
  const content = wrapped.subarray(end + 1);
  if (
    Number(wrapped.subarray(space + 1, end).toString('latin1')) !== content.length ||
    createHash('sha1').update(wrapped).digest('hex') !== oid
  ) {
    throw new GitError('not-found', `the git object ${oid} is damaged: its content does not match its id`);
  }
  return content;
}

/** Stores content as a blob (a loose object) and returns its id, as `git hash-object -w`. */
export async function writeBlob(context: GitContext, content: Uint8Array): Promise<string> {
  const wrapped = Buffer.concat([Buffer.from(`blob ${content.length}\0`, 'latin1'), content]);
  const oid = createHash('sha1').update(wrapped).digest('hex');
  return git.writeObject({ ...gitArgs(context), type: 'blob', object: deflateSync(wrapped), format: 'deflated', oid });
}

function notABlob(oid: string, type: string | undefined): GitError {
  return new GitError(
    'not-found',
    `the git object ${oid} is ${type ? `a ${type}` : 'unreadable'}, not a file's content`,
  );
}
