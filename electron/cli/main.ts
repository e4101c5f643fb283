#!/usr/bin/env node
// The `pipewright` binary. It is bundled as CommonJS (rolldown.config.js) so that every file
// after this one compiles from the build's code cache; the commands load only once it is in place.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFromCodeCache } from './code-cache.js';

compileFromCodeCache(dirname(fileURLToPath(import.meta.url)));
// No top-level await: CommonJS has none.
void import('./run-cli.js')
  .then(({ runPipewright }) =>
    runPipewright(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }),
  )
  .then((code) => {
    process.exitCode = code;
  });
