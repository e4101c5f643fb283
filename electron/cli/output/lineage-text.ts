// `pipewright lineage` as text: the file, then each step that made it as a tree, inputs under
// their step, hashes shortened the way git shortens commits.
import type { LineageStep, LineageTrace } from '../../../shared/run/lineage-types.js';
import type { Styler } from './terminal-style.js';

const short = (hash: string) => (hash.startsWith('dir:') ? `dir:${hash.slice(4, 16)}` : hash.slice(0, 12));

export function lineageText(style: Styler, trace: LineageTrace): string {
  const lines = [`${style('bold', trace.file.path)} ${style('gray', short(trace.file.hash))}`];
  const step = (at: LineageStep, indent: string) => {
    const made = at.madeByRun === at.runId ? '' : style('gray', ` (cached: made by run ${at.madeByRun})`);
    lines.push(`${indent}${style('cyan', '←')} step ${style('bold', at.stepId)} in run ${at.runId}${made}`);
    const params = Object.entries(at.params)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join(' ');
    if (params) lines.push(`${indent}  params ${params}`);
    for (const input of at.inputs) {
      const origin =
        input.origin === 'raw'
          ? style('green', ' raw input')
          : input.origin === 'changed'
            ? style('yellow', ' changed since a step wrote it')
            : input.repeated
              ? style('gray', ` (step ${input.repeated.stepId} of run ${input.repeated.runId}, above)`)
              : '';
      lines.push(`${indent}  ${input.path} ${style('gray', short(input.hash))}${origin}`);
      if (input.from) step(input.from, `${indent}    `);
    }
  };
  step(trace.step, '  ');
  if (trace.rawInputs.length > 0) {
    lines.push('', style('bold', 'raw inputs'), ...trace.rawInputs.map((file) => `  ${file.path} ${file.hash}`));
  }
  return `${lines.join('\n')}\n`;
}
