// A step on the canvas: its id, what it runs, where, and — while a run is shown — its status,
// elapsed time and the verdict of its tests. Zoomed out below SIMPLE_ZOOM it is a plain box
// with its id in large type (level of detail): each node reads the zoom through a selector that
// only changes when the zoom crosses the threshold, so a zoom gesture re-renders no node.
import { Handle, Position, useStore } from '@xyflow/react';
import type { NodeProps, ReactFlowState } from '@xyflow/react';
import { AlertCircle, Table2 } from 'lucide-react';
import { Fragment, memo } from 'react';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { failureText } from '../../../shared/run/failure-summary.js';
import { Elapsed } from '../runs/elapsed.js';
import { StatusIcon } from '../runs/status-look.js';
import { NO_ITEMS } from '../studio/empty.js';
import { useStudio } from '../studio/studio-context.js';
import { TestBadge } from './TestBadge.js';
import { NodeFailure, NodeLogButton, SimpleNodeFailure, hasLog } from './StepNodeRun.js';
import { useCompareNote } from '../compare/use-compared-run-marks.js';
import type { StepNode as StepNodeType } from './flow-model.js';
import { SIMPLE_ZOOM } from './level-of-detail.js';
import { idParts, simpleIdPx } from './simple-id-size.js';

const MARK_LABEL = {
  added: 'added',
  changed: 'changed',
  removed: 'removed',
  conflict: 'conflict',
  differs: 'differs',
} as const;

const isSimple = (state: ReactFlowState) => state.transform[2] < SIMPLE_ZOOM;

function StepNodeView(props: NodeProps<StepNodeType>) {
  return useStore(isSimple) ? <SimpleStepNode {...props} /> : <DetailedStepNode {...props} />;
}

/** In diff mode or a merge: what happened to the step. */
function MarkBadge({ data }: { data: StepNodeType['data'] }) {
  const compareNote = useCompareNote(data.id);
  if (!data.mark) return null;
  return (
    <span
      className={`mark-badge mark-${data.mark}`}
      data-testid={`mark-${data.id}`}
      title={data.mark === 'differs' && compareNote ? `compared runs: ${compareNote}` : undefined}
    >
      {data.mark === 'differs' && compareNote ? compareNote : MARK_LABEL[data.mark]}
    </span>
  );
}

/** Opens the data preview of the step's outputs; nothing for a step without outputs. */
function PreviewButton({ data }: { data: StepNodeType['data'] }) {
  const { previewController } = useStudio();
  const outputs = data.step.outputs ?? NO_ITEMS;
  if (outputs.length === 0) return null;
  return (
    <button
      type="button"
      className="node-preview nodrag"
      data-testid={`node-preview-${data.id}`}
      title={`Preview the outputs: ${outputs.join(', ')}`}
      onClick={(event) => {
        event.stopPropagation();
        previewController.open(outputs, data.id);
      }}
    >
      <Table2 size={12} /> {outputs.length}
    </button>
  );
}

/** An id with line-break opportunities after its separators: "revenue_by_" / "region", not "revenue_by_reg" / "ion". */
function breakable(id: string) {
  return idParts(id).map((part, index) =>
    index === 0 ? (
      part
    ) : (
      <Fragment key={index}>
        <wbr />
        {part}
      </Fragment>
    ),
  );
}

/** A step that runs only under a condition says so at every zoom: its runs may be skipped by it. */
function ConditionBadge({ data }: { data: StepNodeType['data'] }) {
  if (typeof data.step.when !== 'string') return null;
  return (
    <span className="condition-badge" data-testid={`condition-${data.id}`} title={`runs only when ${data.step.when}`}>
      when {data.step.when}
    </span>
  );
}

/**
 * The step's id on its status colour, with the status's icon so colour is never the only cue
 * and, for a failed step, the cause in a few words (in full as its accessible name);
 * the handles stay (invisible) so edges keep their ends. A step's diff mark, test verdict and
 * output preview stay too, but only where it has them, so a plain step costs a box, a label and
 * two handles.
 */
function SimpleStepNode({ data, selected }: NodeProps<StepNodeType>) {
  const status = data.run?.status;
  return (
    <div
      className={`step-node step-node-simple${selected ? ' selected' : ''}${status ? ` status-${status}` : ''}${data.mark ? ` mark-${data.mark}` : ''}${data.errors > 0 ? ' has-problems' : ''}`}
      data-testid={`step-node-${data.id}`}
      data-status={status ?? 'idle'}
      data-mark={data.mark ?? 'none'}
      data-detail="simple"
      aria-label={
        status === 'failed' && data.run?.failure ? `${data.id}: failed, ${failureText(data.run.failure)}` : undefined
      }
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <MarkBadge data={data} />
      <span
        className="step-node-simple-id"
        data-testid={`node-label-${data.id}`}
        style={{ fontSize: simpleIdPx(data.id) }}
      >
        {breakable(data.id)}
      </span>
      <ConditionBadge data={data} />
      {status ||
      (data.step.outputs?.length ?? 0) > 0 ||
      (data.step.tests?.length ?? 0) > 0 ||
      (data.run?.tests.length ?? 0) > 0 ||
      hasLog(data.run) ? (
        <span className="step-node-simple-extras">
          {status ? <StatusIcon status={status} size={22} /> : null}
          <NodeLogButton stepId={data.id} run={data.run} />
          <PreviewButton data={data} />
          <TestBadge stepId={data.id} declared={data.step.tests?.length ?? 0} results={data.run?.tests ?? NO_ITEMS} />
        </span>
      ) : null}
      <SimpleNodeFailure stepId={data.id} run={data.run} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

function DetailedStepNode({ data, selected }: NodeProps<StepNodeType>) {
  const status = data.run?.status;
  const markClass = data.mark ? ` mark-${data.mark}` : '';
  // A notebook step shows its notebook where a command step shows its command.
  const command =
    data.step.notebook !== undefined ? `notebook ${String(data.step.notebook)}` : String(data.step.run ?? '');
  return (
    <div
      className={`step-node${selected ? ' selected' : ''}${status ? ` status-${status}` : ''}${markClass}`}
      data-testid={`step-node-${data.id}`}
      data-status={status ?? 'idle'}
      data-mark={data.mark ?? 'none'}
      data-detail="detailed"
    >
      <MarkBadge data={data} />
      <Handle type="target" position={Position.Left} data-testid={`handle-in-${data.id}`} />
      <div className="step-node-head">
        {status ? <StatusIcon status={status} /> : <span className="status-dot" />}
        <span className="step-node-id" data-testid={`node-label-${data.id}`}>
          {data.id}
        </span>
        {data.errors > 0 && (
          <span className="step-node-problem" title={`${data.errors} problem(s)`}>
            <AlertCircle size={13} />
          </span>
        )}
        <span className="step-node-time">
          {status === 'running' && data.run?.startedAt ? <Elapsed since={data.run.startedAt} /> : null}
          {status &&
          status !== 'running' &&
          data.run?.durationMs !== null &&
          data.run?.durationMs !== undefined &&
          status !== 'skipped' &&
          status !== 'skipped-condition'
            ? formatDuration(data.run.durationMs)
            : null}
        </span>
      </div>
      <div className="step-node-command" title={command}>
        {command || <em>no command</em>}
      </div>
      <ConditionBadge data={data} />
      <NodeFailure stepId={data.id} run={data.run} />
      <div className="step-node-foot">
        <span className="env-chip" title="where this step runs">
          {data.environment ?? 'local'}
        </span>
        <PreviewButton data={data} />
        <TestBadge stepId={data.id} declared={data.step.tests?.length ?? 0} results={data.run?.tests ?? NO_ITEMS} />
        <NodeLogButton stepId={data.id} run={data.run} />
      </div>
      <Handle type="source" position={Position.Right} data-testid={`handle-out-${data.id}`} />
    </div>
  );
}

export const StepNode = memo(StepNodeView);
