// Run ids: readable, typeable as a prefix, sorted by when the run was created, and never the
// same for two runs, even two processes starting runs in the same millisecond: after the UTC
// time comes 40 random bits (a collision is a one in a trillion chance per pair, and the
// store's key catches even that; pipeline-engine.ts draws again).
import { randomBytes } from 'node:crypto';

// Crockford's base32 without the letters that read as digits (i, l, o, u).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_CHARS = 8;

/** 20261126-063012-345-k7q2m9xa: date, time, milliseconds (UTC), then 40 random bits. */
export function newRunId(now: Date = new Date(), random: (bytes: number) => Buffer = randomBytes): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
  const bits = random(5).reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  let suffix = '';
  for (let index = RANDOM_CHARS - 1; index >= 0; index -= 1)
    suffix += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return `${stamp}-${suffix}`;
}
