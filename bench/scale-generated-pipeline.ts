// A generated pipeline of any size, shaped like real ones: layers of steps, each step needing a
// step of the layer before, some reading another's output file (an inferred edge), so
// validation and planning see explicit and inferred edges, inputs, outputs and params. Each step
// writes its output, so the pipeline also runs (in a workspace with an `out` folder).
const WIDTH = 40;

export interface GeneratedPipeline {
  name: string;
  yaml: string;
  layout: string;
  steps: number;
}

export const stepId = (index: number) => `step_${index}`;

export function generatedPipeline(name: string, steps: number): GeneratedPipeline {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const lines = ['version: 1', `name: ${name}`, 'params:', '  size: { type: number, default: 10 }', 'steps:'];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let index = 0; index < steps; index += 1) {
    const layer = Math.floor(index / WIDTH);
    const id = stepId(index);
    lines.push(`  ${id}:`, `    run: echo ${id} > out/${id}.txt`, `    outputs: [out/${id}.txt]`);
    if (layer > 0) {
      const before = (layer - 1) * WIDTH + Math.floor(random() * WIDTH);
      lines.push(`    needs: [${stepId(before)}]`);
      const read = (layer - 1) * WIDTH + Math.floor(random() * WIDTH);
      if (read !== before) lines.push(`    inputs: [out/${stepId(read)}.txt]`);
    }
    positions[id] = { x: layer * 300, y: (index % WIDTH) * 100 };
  }
  return { name, yaml: `${lines.join('\n')}\n`, layout: JSON.stringify({ version: 1, positions }), steps };
}
