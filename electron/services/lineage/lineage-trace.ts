// Traces an output file back through the steps that made it to the raw inputs, from the files
// each step recorded (lineage-store.ts). Each input is matched by path and content hash to the
// step that wrote exactly those bytes: in the same run first, else the latest run that did.
import { normalizeWorkspacePath } from '../../../shared/pipeline/workspace-paths.js';
import type { LineageFile, LineageInput, LineageStep, LineageTrace } from '../../../shared/run/lineage-types.js';
import type { LineageStore, StepRef } from '../store/lineage-store.js';

export class LineageError extends Error {}

/** Steps deeper than this are cut off: a chain that long is a loop of runs feeding each other. */
const MAX_DEPTH = 200;

export function traceLineage(store: LineageStore, path: string, runId: string | null): LineageTrace {
  const normalized = normalizeWorkspacePath(path);
  if (normalized === null)
    throw new LineageError(`"${path}" leaves the workspace: name a file relative to the workspace`);
  const writer = store.writer(normalized, runId);
  if (!writer) {
    throw new LineageError(
      runId === null
        ? `no recorded run wrote ${normalized} (lineage knows the declared outputs of steps that finished)`
        : `run ${runId} did not write ${normalized} (no step of it declares it as an output, or the step did not finish)`,
    );
  }
  const seen = new Set<string>();
  const rawInputs = new Map<string, LineageFile>();
  const visit = (ref: StepRef, depth: number): LineageStep => {
    seen.add(`${ref.runId}/${ref.stepId}`);
    const files = store.step(ref);
    if (!files) throw new LineageError(`run ${ref.runId} has no record of the files of step "${ref.stepId}"`);
    const inputs = files.inputs.map((input): LineageInput => {
      const producer = store.producer(input, ref);
      if (!producer) {
        const origin = store.everWritten(input.path) ? 'changed' : 'raw';
        if (origin === 'raw') rawInputs.set(`${input.path}@${input.hash}`, input);
        return { ...input, origin, from: null, repeated: null };
      }
      if (seen.has(`${producer.runId}/${producer.stepId}`) || depth >= MAX_DEPTH)
        return { ...input, origin: 'made', from: null, repeated: producer };
      return { ...input, origin: 'made', from: visit(producer, depth + 1), repeated: null };
    });
    return { ...ref, madeByRun: files.madeByRun, params: files.params, outputs: files.outputs, inputs };
  };
  const step = visit({ runId: writer.runId, stepId: writer.stepId }, 0);
  return { file: { path: normalized, hash: writer.hash }, step, rawInputs: [...rawInputs.values()] };
}
