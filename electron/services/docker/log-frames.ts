// Logs fetched whole from a container without a TTY come framed: an 8-byte header (stream,
// three zero bytes, big-endian length) before each chunk. This reads the text out of them.
export function framedLogText(buffer: Buffer): string {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    chunks.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(chunks).toString('utf8');
}
