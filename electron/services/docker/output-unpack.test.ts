import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pack } from 'tar-stream';
import type { Header } from 'tar-stream';
import { OutputRefusedError, unpackOutput } from './output-unpack.js';

type Entry = [Partial<Header> & Pick<Header, 'name'>, string?];

function archive(entries: Entry[]): NodeJS.ReadableStream {
  const packed = pack();
  for (const [header, content] of entries) {
    if (content === undefined) packed.entry(header);
    else packed.entry(header, content);
  }
  packed.finalize();
  return packed as unknown as Readable;
}

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function workspace(): string {
  root = mkdtempSync(join(tmpdir(), 'pw-unpack-'));
  mkdirSync(join(root, 'out'));
  writeFileSync(join(root, 'out', 'old.txt'), 'before');
  return root;
}

const leftovers = () => readdirSync(join(root, 'out')).filter((name) => name.includes('pipewright-copy'));

describe('unpacking a step output copied back from its container', () => {
  it('replaces the output with the files, folders and inside links of the archive, counting bytes', async () => {
    workspace();
    const sizes: number[] = [];
    await unpackOutput(
      archive([
        [{ name: 'model/', type: 'directory' }],
        [{ name: 'model/weights.bin', mode: 0o644 }, 'abc'],
        [{ name: 'model/deep/notes.txt' }, 'hello'],
        [{ name: 'model/latest', type: 'symlink', linkname: 'weights.bin' }],
        [{ name: 'model/sibling', type: 'symlink', linkname: '../old.txt' }],
      ]),
      root,
      'out/model',
      (bytes) => sizes.push(bytes),
    );
    expect(readFileSync(join(root, 'out/model/weights.bin'), 'utf8')).toBe('abc');
    expect(readFileSync(join(root, 'out/model/deep/notes.txt'), 'utf8')).toBe('hello');
    expect(readlinkSync(join(root, 'out/model/latest'))).toBe('weights.bin');
    expect(sizes).toEqual([3, 5]);
    expect(leftovers()).toEqual([]);
  });

  it('replaces a file output whole', async () => {
    workspace();
    await unpackOutput(archive([[{ name: 'old.txt' }, 'after']]), root, 'out/old.txt', () => undefined);
    expect(readFileSync(join(root, 'out/old.txt'), 'utf8')).toBe('after');
  });

  const refusals: Array<[string, Entry[], RegExp]> = [
    ['an entry climbing out with ..', [[{ name: 'model/../../escaped' }, 'x']], /leaves its folder/],
    ['an absolute entry', [[{ name: '/etc/escaped' }, 'x']], /leaves its folder/],
    ['an entry of another path', [[{ name: 'other/x' }, 'x']], /not part of it/],
    [
      'a link leading out of the workspace',
      [
        [{ name: 'model', type: 'directory' }],
        [{ name: 'model/passwd', type: 'symlink', linkname: '../../../etc/passwd' }],
      ],
      /link leading out/,
    ],
    [
      'an absolute link',
      [[{ name: 'model', type: 'directory' }], [{ name: 'model/passwd', type: 'symlink', linkname: '/etc/passwd' }]],
      /link leading out/,
    ],
    [
      'an entry written through a link it brought',
      [
        [{ name: 'model', type: 'directory' }],
        [{ name: 'model/up', type: 'symlink', linkname: '.' }],
        [{ name: 'model/up/x' }, 'x'],
      ],
      /goes through a link/,
    ],
    [
      'a file written over a link it brought',
      [
        [{ name: 'model', type: 'directory' }],
        [{ name: 'model/x', type: 'symlink', linkname: 'y' }],
        [{ name: 'model/x' }, 'x'],
      ],
      /EEXIST/,
    ],
    [
      'a hard link',
      [[{ name: 'model', type: 'directory' }], [{ name: 'model/h', type: 'link', linkname: 'model/a' }]],
      /hard link/,
    ],
    [
      'a device',
      [
        [{ name: 'model', type: 'directory' }],
        [{ name: 'model/d', type: 'character-device', devmajor: 1, devminor: 3 }],
      ],
      /character-device/,
    ],
  ];

  it.each(refusals)('refuses %s and leaves the workspace as it was', async (_what, entries, message) => {
    workspace();
    mkdirSync(join(root, 'out/model'));
    writeFileSync(join(root, 'out/model/kept.txt'), 'kept');
    await expect(unpackOutput(archive(entries), root, 'out/model', () => undefined)).rejects.toThrow(message);
    expect(readdirSync(join(root, 'out/model'))).toEqual(['kept.txt']);
    expect(leftovers()).toEqual([]);
    expect(existsSync(join(root, 'escaped'))).toBe(false);
  });

  it('refuses an output whose place in the workspace is a link leading out', async () => {
    workspace();
    const outside = mkdtempSync(join(tmpdir(), 'pw-outside-'));
    symlinkSync(outside, join(root, 'out', 'away'));
    try {
      await expect(
        unpackOutput(archive([[{ name: 'away/x' }, 'x']]), root, 'out/away/x', () => undefined),
      ).rejects.toThrow(/refused/);
      expect(readdirSync(outside)).toEqual([]);
      expect(lstatSync(join(root, 'out', 'away')).isSymbolicLink()).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('is an OutputRefusedError a step reports in words', async () => {
    workspace();
    await expect(
      unpackOutput(archive([[{ name: '../x' }, 'x']]), root, 'out/model', () => undefined),
    ).rejects.toBeInstanceOf(OutputRefusedError);
  });
});
