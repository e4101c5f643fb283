import { describe, expect, it } from 'vitest';
import { framedLogText } from './log-frames.js';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('framedLogText', () => {
  it('joins stdout and stderr frames in order without their headers', () => {
    const logs = Buffer.concat([frame(1, 'starting\n'), frame(2, 'FATAL: no such role\n'), frame(1, 'bye')]);
    expect(framedLogText(logs)).toBe('starting\nFATAL: no such role\nbye');
  });

  it('ignores a truncated trailing header', () => {
    expect(framedLogText(Buffer.concat([frame(1, 'ok'), Buffer.from([1, 0, 0])]))).toBe('ok');
  });
});
