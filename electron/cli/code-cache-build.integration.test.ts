// The code cache `npm run build` makes for the CLI bundle (out/cli), checked in a fresh Node
// process: every bundle file the warm-up ran compiles from its cache, the commands' own included.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../out/cli', import.meta.url));

/** Loads every chunk of the bundle (not the two entry files, which run commands) through the cache and says what it used. */
const PROBE = `
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const bundle = process.argv[1];
const files = readdirSync(bundle).filter((name) => name.endsWith('.js'));
const { compileFromCodeCache } = require(join(bundle, files.find((name) => name.startsWith('code-cache-'))));
const cached = (name) => existsSync(join(bundle, 'code-cache', createHash('sha1').update(readFileSync(join(bundle, name), 'utf8')).digest('hex') + '.v8'));
const chunks = files.filter((name) => name !== 'main.js' && name !== 'record-code-cache.js' && cached(name));
const use = compileFromCodeCache(bundle);
for (const name of chunks) require(join(bundle, name));
const commands = files.find((name) => readFileSync(join(bundle, name), 'utf8').includes('async function runPipewright('));
process.stdout.write(JSON.stringify({ ...use, chunks: chunks.length, commandsCached: chunks.includes(commands) }));
`;

describe("the CLI bundle's code cache", () => {
  it('is accepted by this Node for every chunk the warm-up ran, the commands included', () => {
    const seen = JSON.parse(execFileSync(process.execPath, ['-e', PROBE, BUNDLE], { encoding: 'utf8' })) as {
      used: number;
      compiled: number;
      chunks: number;
      commandsCached: boolean;
    };
    expect(seen.commandsCached).toBe(true);
    expect(seen.chunks).toBeGreaterThanOrEqual(10);
    expect(seen.used).toBe(seen.chunks);
    expect(seen.compiled).toBe(0);
  });
});
