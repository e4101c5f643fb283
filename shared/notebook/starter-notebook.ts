// The notebook a new notebook step starts from: a cell tagged `parameters` (where a run's
// params land after) and a cell that uses them, so the step runs as it is dropped.
import { PARAMETERS_TAG } from './inject-parameters.js';

const lines = (text: string) => text.split(/(?<=\n)/);

export function starterNotebook(stepId: string): string {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: [
      {
        cell_type: 'markdown',
        id: 'about',
        metadata: {},
        source: lines(
          `# ${stepId}\n\nRun by Pipewright as a notebook step. The pipeline's params are set in a cell inserted after the cell tagged \`parameters\`; the values below are the defaults when you run the notebook yourself.\n`,
        ),
      },
      {
        cell_type: 'code',
        id: 'parameters',
        metadata: { tags: [PARAMETERS_TAG] },
        execution_count: null,
        outputs: [],
        source: lines('# Parameters\nsample_fraction = 1.0\n'),
      },
      {
        cell_type: 'code',
        id: 'explore',
        metadata: {},
        execution_count: null,
        outputs: [],
        source: lines('print(f"running with sample_fraction={sample_fraction}")\n'),
      },
    ],
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
