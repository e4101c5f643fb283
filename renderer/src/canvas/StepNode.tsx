// A step on the canvas: its id, what it runs, where, and — while a run is shown — its status,
// elapsed time and the verdict of its tests.
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { AlertCircle, Table2 } from 'lucide-react';
import { memo } from 'react';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { Elapsed } from '../runs/elapsed.js';
import { StatusIcon } from '../runs/status-look.js';
import { NO_ITEMS } from '../app/empty.js';
import { useStudio } from '../app/studio-context.js';
import { TestBadge } from './TestBadge.js';
import { NodeFailure, NodeLogButton } from './StepNodeRun.js';
import { useCompareNote } from '../compare/use-compared-run-marks.js';
import type { StepNode as StepNodeType } from './flow-model.js';

const MARK_LABEL = { added: 'added', changed: 'changed', removed: 'removed', conflict: 'conflict', differs: 'differs' } as const;

function StepNodeView({ data, selected }: NodeProps<StepNodeType>) {
  const status = data.run?.status;
  const markClass = data.mark ? ` mark-${data.mark}` : '';
  // A notebook step shows its notebook where a command step shows its command.
  const command = data.step.notebook !== undefined ? `notebook ${String(data.step.notebook)}` : String(data.step.run ?? '');
  const compareNote = useCompareNote(data.id);
  const { previewController } = useStudio();
  const outputs = data.step.outputs ?? NO_ITEMS;
  return (
    <div
      className={`step-node${selected ? ' selected' : ''}${status ? ` status-${status}` : ''}${markClass}`}
      data-testid={`step-node-${data.id}`}
      data-status={status ?? 'idle'}
      data-mark={data.mark ?? 'none'}
    >
      {data.mark ? (
        <span className={`mark-badge mark-${data.mark}`} data-testid={`mark-${data.id}`} title={data.mark === 'differs' && compareNote ? `compared runs: ${compareNote}` : undefined}>
          {data.mark === 'differs' && compareNote ? compareNote : MARK_LABEL[data.mark]}
        </span>
      ) : null}
      <Handle type="target" position={Position.Left} data-testid={`handle-in-${data.id}`} />
      <div className="step-node-head">
        {status ? <StatusIcon status={status} /> : <span className="status-dot" />}
        <span className="step-node-id">{data.id}</span>
        {data.errors > 0 && (
          <span className="step-node-problem" title={`${data.errors} problem(s)`}>
            <AlertCircle size={13} />
          </span>
        )}
        <span className="step-node-time">
          {status === 'running' && data.run?.startedAt ? <Elapsed since={data.run.startedAt} /> : null}
          {status && status !== 'running' && data.run?.durationMs !== null && data.run?.durationMs !== undefined && status !== 'skipped'
            ? formatDuration(data.run.durationMs) : null}
        </span>
      </div>
      <div className="step-node-command" title={command}>{command || <em>no command</em>}</div>
      <NodeFailure stepId={data.id} run={data.run} />
      <div className="step-node-foot">
        <span className="env-chip" title="where this step runs">{data.environment ?? 'local'}</span>
        {outputs.length > 0 ? (
          <button type="button" className="node-preview nodrag" data-testid={`node-preview-${data.id}`} title={`Preview the outputs: ${outputs.join(', ')}`}
            onClick={(event) => { event.stopPropagation(); previewController.open(outputs, data.id); }}>
            <Table2 size={12} /> {outputs.length}
          </button>
        ) : null}
        <TestBadge stepId={data.id} declared={data.step.tests?.length ?? 0} results={data.run?.tests ?? NO_ITEMS} />
        <NodeLogButton stepId={data.id} run={data.run} />
      </div>
      <Handle type="source" position={Position.Right} data-testid={`handle-out-${data.id}`} />
    </div>
  );
}

export const StepNode = memo(StepNodeView);
