// The CLI's code cache with real V8 and Node's real loader: files compile from the cache made
// for their exact text, wherever the bundle lies, and never from a cache of other text.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_CACHE_FOLDER, compileFromCodeCache, recordCodeCache } from './code-cache.js';

const temp = mkdtempSync(join(tmpdir(), 'pipewright-code-cache-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A bundle of two CommonJS files, one requiring the other, like the CLI's chunks. */
function bundle(name: string, answer: string): string {
  const folder = join(temp, name);
  cpSync(join(temp, 'template'), folder, { recursive: true, force: true });
  writeFileSync(join(folder, 'answer.js'), `exports.answer = () => '${answer}';\n`);
  return folder;
}
mkdirSync(join(temp, 'template'));
writeFileSync(join(temp, 'template', 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(
  join(temp, 'template', 'main.js'),
  "const { answer } = require('./answer.js');\nexports.ask = () => `the answer is ${answer()}`;\n",
);

const load = (folder: string) => createRequire(join(folder, 'entry.js'))('./main.js') as { ask(): string };

describe("the CLI's code cache", () => {
  it('is written by the build for every bundle file that ran, and used where the bundle is copied', () => {
    const built = bundle('built', 'forty-two');
    const recorder = recordCodeCache(built);
    expect(load(built).ask()).toBe('the answer is forty-two');
    expect(recorder.write()).toBe(2);
    expect(readdirSync(join(built, CODE_CACHE_FOLDER))).toHaveLength(2);

    const installed = join(temp, 'installed');
    cpSync(built, installed, { recursive: true });
    const use = compileFromCodeCache(installed);
    expect(load(installed).ask()).toBe('the answer is forty-two');
    expect(use).toEqual({ used: 2, compiled: 0 });
  });

  it('is never used for other text, even of the same length: that file compiles from source', () => {
    const built = bundle('old', 'forty-two');
    const recorder = recordCodeCache(built);
    load(built).ask();
    recorder.write();

    const changed = bundle('changed', 'forty-tw0');
    cpSync(join(built, CODE_CACHE_FOLDER), join(changed, CODE_CACHE_FOLDER), { recursive: true });
    const use = compileFromCodeCache(changed);
    expect(load(changed).ask()).toBe('the answer is forty-tw0');
    expect(use).toEqual({ used: 1, compiled: 1 });
  });
});
