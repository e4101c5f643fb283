// The end of a file without reading the rest: a step's log can be gigabytes, and what a person
// opens first is its end. Read from a file handle at (size - maxBytes), so memory and time are
// bounded by what is shown, never by the file.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface FileTail {
  text: string;
  /** The file's size in bytes; more than the text when it was cut. */
  size: number;
  /** Whether the start of the file was left out. */
  truncated: boolean;
}

/** The last `maxBytes` of a file as text, starting on a whole line when cut; empty when it does not exist. */
export function readFileTail(path: string, maxBytes: number): FileTail {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { text: '', size: 0, truncated: false };
  }
  try {
    const { size } = fstatSync(fd);
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, buffer, read, length - read, size - length + read);
      if (got === 0) break;
      read += got;
    }
    const bytes = buffer.subarray(0, read);
    if (length === size) return { text: bytes.toString('utf8'), size, truncated: false };
    // Cut mid-line (or mid-character): start after the first line break when there is one.
    const newline = bytes.indexOf(0x0a);
    const start = newline >= 0 && newline < bytes.length - 1 ? newline + 1 : firstCharacter(bytes);
    return { text: bytes.subarray(start).toString('utf8'), size, truncated: true };
  } finally {
    closeSync(fd);
  }
}

/** The offset of the first byte that starts a UTF-8 character (skipping continuation bytes). */
function firstCharacter(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length && ((bytes[index] ?? 0) & 0xc0) === 0x80) index += 1;
  return index;
}
