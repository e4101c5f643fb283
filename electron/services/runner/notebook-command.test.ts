import { describe, expect, it } from 'vitest';
import { localNotebookCommand } from './notebook-command.js';

describe('localNotebookCommand', () => {
  const notebook = { notebook: 'notebooks/x.ipynb', output: "out/it's here.ipynb" };

  it('quotes every word for sh, a quote in a path included', () => {
    expect(localNotebookCommand('linux', notebook, '/opt/pipewright/notebook-runner')).toBe(
      "'python3' '/opt/pipewright/notebook-runner/run_notebook.py' 'out/it'\\''s here.ipynb'",
    );
  });

  it('runs python on Windows, each word in double quotes', () => {
    expect(
      localNotebookCommand('win32', { notebook: 'n.ipynb', output: 'out/n.ipynb' }, 'C:\\Pipewright\\notebook-runner'),
    ).toMatch(/^"python" "C:\\Pipewright\\notebook-runner[\\/]run_notebook\.py" "out\/n\.ipynb"$/);
  });
});
