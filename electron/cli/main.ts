#!/usr/bin/env node
import { runPipewright } from './run-cli.js';

process.exitCode = await runPipewright(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
