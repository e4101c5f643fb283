// Build step (`npm run build`): makes the CLI bundle's code cache (code-cache.ts). The cache
// holds the functions that ran, so the warm-up does what users do most: create a workspace,
// validate it, run the sample pipeline (its data tests too), run it again from the cache, and
// list runs. Each command must succeed: a CLI that cannot do these is a broken build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordCodeCache } from './code-cache.js';

const WARM_UP: ReadonlyArray<readonly string[]> = [
  ['init', '.'],
  ['validate'],
  ['run', 'sales'],
  ['run', 'sales'],
  ['runs'],
  ['--help'],
];

/** Output the warm-up keeps only to explain a failure. */
function heldOutput(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const write = (chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  // cast: the commands write text and ask isTTY and columns; nothing else of a terminal.
  const stream = { isTTY: false, columns: 100, write } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

async function record(): Promise<number> {
  const bundle = dirname(fileURLToPath(import.meta.url));
  const recorder = recordCodeCache(bundle);
  const { runPipewright } = await import('./run-cli.js');
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-code-cache-'));
  try {
    for (const args of WARM_UP) {
      const stdout = heldOutput();
      const stderr = heldOutput();
      const code = await runPipewright(args, { stdout: stdout.stream, stderr: stderr.stream, cwd: workspace });
      if (code !== 0) {
        process.stderr.write(
          `pipewright ${args.join(' ')} failed (${String(code)}):\n${stdout.text()}${stderr.text()}\n`,
        );
        return 1;
      }
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  process.stdout.write(`code cache: ${String(recorder.write())} bundle files\n`);
  return 0;
}

void record().then((code) => {
  process.exitCode = code;
});
