// How fast the `pipewright` command starts: `--help` and `runs`, whole processes, against the
// least a Node program costs, `node -e 0`, on the same machine in the same minutes. Each output
// is checked, so a command that fails fast cannot pass.
import { rmSync } from 'node:fs';
import type { BenchRow } from './measure.js';
import { median, ms, runTimed } from './measure.js';
import { workspaceFor } from './engine-vs-make.js';

const REPEATS = 9;
const TARGET = 2;

export function benchCliStart(cli: string): BenchRow[] {
  const root = workspaceFor('true');
  try {
    // A few runs to list.
    for (let i = 0; i < 3; i += 1) runTimed(process.execPath, [cli, 'run', 'bench', '-j', '2', '--quiet'], root);
    const cases = {
      node: { args: ['-e', '0'], expect: null },
      help: { args: [cli, '--help'], expect: /Usage: pipewright/ },
      runs: { args: [cli, 'runs'], expect: /bench .*succeeded/ },
    };
    const times: Record<keyof typeof cases, number[]> = { node: [], help: [], runs: [] };
    // Interleaved, so a slow moment of a shared machine weighs on all alike.
    for (let i = 0; i < REPEATS; i += 1) {
      for (const [name, { args, expect }] of Object.entries(cases) as Array<
        [keyof typeof cases, (typeof cases)[keyof typeof cases]]
      >) {
        const { ms: elapsed, stdout } = runTimed(process.execPath, args, root);
        if (expect && !expect.test(stdout))
          throw new Error(`pipewright ${args.slice(1).join(' ')} printed something else: ${stdout.slice(0, 200)}`);
        times[name].push(elapsed);
      }
    }
    const node = median(times.node);
    return (['help', 'runs'] as const).map((name) => {
      const measured = median(times[name]);
      return {
        benchmark: `pipewright ${name === 'help' ? '--help' : 'runs'}: whole process against node -e 0`,
        anchor: ms(node),
        measured: ms(measured),
        figure: `ratio ${(measured / node).toFixed(2)}`,
        target: `<= ${TARGET}x`,
        pass: measured / node <= TARGET,
      };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
