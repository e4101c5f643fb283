// Starting a run: which environment, param overrides (checked as typed) with the value each
// param will have and where it comes from, and which part of the pipeline — all of it, or the
// selected step alone, from it, or up to it.
import { Play, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ParamSpec } from '../../../shared/pipeline/schema.js';
import { useEditor, useStudio, useWorkspace } from '../studio/studio-context.js';
import { NO_ENTRIES } from '../studio/empty.js';
import { paramSourceRows, sourceText, valueText } from './param-sources.js';

type Scope = 'all' | 'only' | 'from' | 'to';

export function RunDialog({ onClose }: { onClose(): void }) {
  const { controller } = useStudio();
  const info = useWorkspace((state) => state.info);
  const params: Readonly<Record<string, ParamSpec>> = useEditor((state) => state.draft?.params ?? NO_ENTRIES);
  const selection = useEditor((state) => state.selection);
  const [environment, setEnvironment] = useState(info?.defaultEnvironment ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [scope, setScope] = useState<Scope>(selection.length === 1 ? 'all' : 'all');
  const [noCache, setNoCache] = useState(false);
  const selected = selection.length === 1 ? selection[0] : undefined;

  const environmentParams = info?.environments.find((env) => env.name === environment)?.params ?? NO_ENTRIES;
  const rows = useMemo(() => paramSourceRows(params, environmentParams, values), [params, environmentParams, values]);
  const valid = rows.every((row) => row.error === null && row.value !== null);

  const start = () => {
    const overrides = Object.fromEntries(Object.entries(values).filter(([, text]) => text !== ''));
    const chosen = scope !== 'all' && selected ? { [scope]: [selected] } : {};
    void controller.startRun({
      params: overrides,
      selection: chosen,
      noCache,
      ...(environment ? { environment } : {}),
    });
    onClose();
  };

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <form
        className="dialog"
        data-testid="run-dialog"
        onMouseDown={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) start();
        }}
      >
        <div className="dialog-title">
          <span>Run pipeline</span>
          <button type="button" className="icon-button" onClick={onClose} title="Close">
            <X size={16} />
          </button>
        </div>
        <label className="field">
          <span className="field-label">Environment</span>
          <select
            data-testid="run-environment"
            value={environment}
            onChange={(event) => setEnvironment(event.target.value)}
          >
            <option value="">none (local, pipeline defaults)</option>
            {info?.environments.map((env) => (
              <option key={env.name} value={env.name}>
                {env.name}
                {env.description ? ` — ${env.description}` : ''}
              </option>
            ))}
          </select>
        </label>
        {rows.length > 0 ? (
          <div className="section-title">
            <span>Params</span>
            <span className="muted">empty = default or environment value</span>
          </div>
        ) : null}
        {rows.map(({ name, spec, value, source, error }) => (
          <label className={`field${error ? ' has-problem' : ''}`} key={name}>
            <span className="field-label">
              {name}{' '}
              <span className="muted">
                {spec.type}
                {spec.default !== undefined ? ` · default ${String(spec.default)}` : ' · required'}
              </span>
            </span>
            {spec.enum ? (
              <select
                data-testid={`run-param-${name}`}
                value={values[name] ?? ''}
                onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              >
                <option value="">(default)</option>
                {spec.enum.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                data-testid={`run-param-${name}`}
                value={values[name] ?? ''}
                placeholder={spec.default === undefined ? '' : String(spec.default)}
                onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              />
            )}
            <span
              className="param-effective"
              data-testid={`run-param-effective-${name}`}
              data-source={source ?? 'missing'}
            >
              {value === null || source === null ? (
                <span className="field-problem">
                  no value: type one (no default, and {environment || 'no environment'} sets none)
                </span>
              ) : (
                <>
                  runs with <span className="mono">{valueText(value)}</span>
                  <span className={`param-source ${source}`}>{sourceText(source, environment || null)}</span>
                </>
              )}
            </span>
            {error ? (
              <span className="field-problem error" data-testid={`run-param-error-${name}`}>
                {error}
              </span>
            ) : null}
          </label>
        ))}
        <div className="section-title">
          <span>Steps</span>
        </div>
        <div className="scope" data-testid="run-scope">
          {(['all', 'only', 'from', 'to'] as const).map((option) => (
            <label key={option} className={option !== 'all' && !selected ? 'disabled' : ''}>
              <input
                type="radio"
                name="scope"
                value={option}
                data-testid={`run-scope-${option}`}
                checked={scope === option}
                disabled={option !== 'all' && !selected}
                onChange={() => setScope(option)}
              />
              {option === 'all'
                ? 'whole pipeline'
                : option === 'only'
                  ? `only ${selected ?? 'the selected step'}`
                  : option === 'from'
                    ? `from ${selected ?? 'the selected step'} on`
                    : `up to ${selected ?? 'the selected step'}`}
            </label>
          ))}
        </div>
        <label className="check">
          <input
            type="checkbox"
            data-testid="run-no-cache"
            checked={noCache}
            onChange={(event) => setNoCache(event.target.checked)}
          />
          Run every step, even unchanged ones (no cache)
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="run-confirm" disabled={!valid}>
            <Play size={14} /> Run
          </button>
        </div>
      </form>
    </div>
  );
}
