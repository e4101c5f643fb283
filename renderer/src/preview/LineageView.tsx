// Where a file came from, as a small tree: the step and run that wrote it, the params it saw,
// and each file it read with its hash, expanded down to the raw inputs (files no step wrote).
import { useEffect, useState } from 'react';
import type { LineageInput, LineageStep, LineageTrace } from '../../../shared/run/lineage-types.js';
import { useStudio } from '../studio/studio-context.js';

type Loaded = { trace: LineageTrace } | { error: string } | null;

const short = (hash: string) => (hash.startsWith('dir:') ? `dir:${hash.slice(4, 16)}` : hash.slice(0, 12));

function Hash({ hash }: { hash: string }) {
  return (
    <code className="lineage-hash" title={hash}>
      {short(hash)}
    </code>
  );
}

function InputRow({ input }: { input: LineageInput }) {
  const note =
    input.origin === 'raw'
      ? 'raw input'
      : input.origin === 'changed'
        ? 'changed since a step wrote it'
        : input.repeated
          ? `from step ${input.repeated.stepId} (shown above)`
          : null;
  return (
    <li
      className={`lineage-input origin-${input.origin}`}
      data-testid={`lineage-input-${input.path}`}
      data-origin={input.origin}
    >
      <span className="lineage-file">
        <code>{input.path}</code> <Hash hash={input.hash} />
        {note ? <span className="lineage-note"> {note}</span> : null}
      </span>
      {input.from ? <StepBlock step={input.from} /> : null}
    </li>
  );
}

function StepBlock({ step }: { step: LineageStep }) {
  const params = Object.entries(step.params);
  return (
    <div className="lineage-step" data-testid={`lineage-step-${step.stepId}`}>
      <div className="lineage-step-head">
        ← step <strong>{step.stepId}</strong> in run <code>{step.runId}</code>
        {step.madeByRun !== step.runId ? (
          <span className="lineage-note">
            {' '}
            (cached: made by run <code>{step.madeByRun}</code>)
          </span>
        ) : null}
      </div>
      {params.length > 0 ? (
        <div className="lineage-params">
          params{' '}
          {params.map(([name, value]) => (
            <code key={name}>
              {name}={JSON.stringify(value)}
            </code>
          ))}
        </div>
      ) : null}
      <ul className="lineage-inputs">
        {step.inputs.map((input) => (
          <InputRow key={input.path} input={input} />
        ))}
      </ul>
    </div>
  );
}

/** `runId`: the run whose file this is; the latest run that wrote it when null. */
export function LineageView({ path, runId }: { path: string; runId: string | null }) {
  const { api } = useStudio();
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let current = true;
    setLoaded(null);
    api('lineage:trace', { path, ...(runId !== null ? { runId } : {}) }).then(
      (trace) => {
        if (current) setLoaded({ trace });
      },
      (error: unknown) => {
        if (current) setLoaded({ error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, path, runId]);
  if (loaded === null) return <p className="muted">Tracing {path}…</p>;
  if ('error' in loaded)
    return (
      <p className="muted" data-testid="lineage-error">
        {loaded.error}
      </p>
    );
  const { trace } = loaded;
  return (
    <div className="lineage" data-testid="lineage">
      <div className="lineage-file lineage-root">
        <code>{trace.file.path}</code> <Hash hash={trace.file.hash} />
      </div>
      <StepBlock step={trace.step} />
      {trace.rawInputs.length > 0 ? (
        <p className="lineage-raw" data-testid="lineage-raw">
          raw inputs:{' '}
          {trace.rawInputs.map((file) => (
            <code key={`${file.path}@${file.hash}`}>{file.path}</code>
          ))}
        </p>
      ) : null}
    </div>
  );
}
