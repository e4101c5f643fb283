// The files a step reads and writes, in its panel, each a button that previews it: an input is
// checked against the run of the step that writes it, an output against this step's run.
import { GitFork, Table2 } from 'lucide-react';
import type { StepSpec } from '../../../shared/pipeline/schema.js';
import { useStudio } from '../studio/studio-context.js';

export function StepData({ id, step }: { id: string; step: StepSpec }) {
  const { previewController } = useStudio();
  const inputs = step.inputs ?? [];
  const outputs = step.outputs ?? [];
  if (inputs.length === 0 && outputs.length === 0) return null;
  const list = (kind: 'input' | 'output', paths: readonly string[]) =>
    paths.map((path, index) => (
      <li key={`${kind}-${path}`}>
        <button
          type="button"
          className="link-button"
          data-testid={`step-preview-${kind}-${index}`}
          title={`Preview ${path}`}
          onClick={() =>
            previewController.open(
              kind === 'output' ? paths : [path],
              kind === 'output' ? id : previewController.writerOf(path),
              path,
            )
          }
        >
          <Table2 size={13} /> {path}
        </button>
        {kind === 'output' ? (
          <button
            type="button"
            className="link-button lineage-button"
            data-testid={`step-lineage-${index}`}
            title={`Where ${path} came from`}
            onClick={() => previewController.open(paths, id, path, 'lineage')}
          >
            <GitFork size={13} /> lineage
          </button>
        ) : null}
      </li>
    ));
  return (
    <div className="step-data" data-testid="step-data">
      <div className="step-data-title">Data</div>
      {inputs.length > 0 ? (
        <>
          <span className="muted">reads</span>
          <ul>{list('input', inputs)}</ul>
        </>
      ) : null}
      {outputs.length > 0 ? (
        <>
          <span className="muted">writes</span>
          <ul>{list('output', outputs)}</ul>
        </>
      ) : null}
    </div>
  );
}
