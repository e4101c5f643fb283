// "Export…": the open pipeline as an Argo Workflow or CronWorkflow, or the workspace's CI
// configuration, previewed as it changes and saved into the workspace. The node layer makes
// the file (the same service as `pipewright export`) and writes it; an existing file is
// overwritten only after the user says so.
import { Download, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { EXPORT_TARGETS, EXPORT_TARGET_LABELS } from '../../../shared/export/export-types.js';
import type { ExportPreview } from '../../../shared/export/export-types.js';
import { useStudio, useWorkspace } from '../studio/studio-context.js';
import { exportRequest } from './export-request.js';
import type { ExportFields } from './export-request.js';

/** Typing pauses this long before the preview is made again. */
const PREVIEW_DELAY_MS = 250;

type Saving =
  | { state: 'idle' }
  | { state: 'exists'; file: string }
  | { state: 'saved'; file: string }
  | { state: 'failed'; message: string };

export function ExportDialog({ pipeline, onClose }: { pipeline: string; onClose(): void }) {
  const { api } = useStudio();
  const info = useWorkspace((state) => state.info);
  const [fields, setFields] = useState<ExportFields>({
    target: 'argo-workflow',
    environment: info?.defaultEnvironment ?? '',
    image: '',
    ref: '',
    volumeSize: '',
    repository: '',
    cron: '',
    onlyPipeline: false,
  });
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [file, setFile] = useState('');
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });
  const argo = fields.target === 'argo-workflow' || fields.target === 'argo-cron-workflow';
  const set = (patch: Partial<ExportFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setSaving({ state: 'idle' });
  };

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api('export:preview', exportRequest(pipeline, fields)).then(
        (made) => {
          if (!current) return;
          setPreview(made);
          setProblem(null);
          setFile(made.suggestedFile);
        },
        (error: Error) => {
          if (!current) return;
          setPreview(null);
          setProblem(error.message);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, pipeline, fields]);

  const save = (overwrite: boolean) => {
    api('export:save', { request: exportRequest(pipeline, fields), file, overwrite }).then(
      (outcome) =>
        setSaving(outcome.saved ? { state: 'saved', file: outcome.file } : { state: 'exists', file: outcome.file }),
      (error: Error) => setSaving({ state: 'failed', message: error.message }),
    );
  };

  const input = (key: 'image' | 'ref' | 'volumeSize' | 'repository' | 'cron', label: string, placeholder: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        data-testid={`export-${key}`}
        value={fields[key]}
        placeholder={placeholder}
        onChange={(event) => set({ [key]: event.target.value })}
      />
    </label>
  );

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <form
        className="dialog export-dialog"
        data-testid="export-dialog"
        onMouseDown={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          if (preview && file) save(false);
        }}
      >
        <div className="dialog-title">
          <span>Export {pipeline}</span>
          <button type="button" className="icon-button" onClick={onClose} title="Close">
            <X size={16} />
          </button>
        </div>
        <p className="muted small">
          {argo
            ? 'The cluster checks out a commit: the pipeline is exported as committed there, uncommitted changes are not.'
            : 'Runs the pipelines with --junit on every push and pull request and publishes the reports.'}
        </p>
        <div className="export-body">
          <div className="export-options">
            <label className="field">
              <span className="field-label">Target</span>
              <select
                data-testid="export-target"
                value={fields.target}
                onChange={(event) => {
                  const target = EXPORT_TARGETS.find((each) => each === event.target.value);
                  if (target) set({ target });
                }}
              >
                {EXPORT_TARGETS.map((target) => (
                  <option key={target} value={target}>
                    {EXPORT_TARGET_LABELS[target]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Environment</span>
              <select
                data-testid="export-environment"
                value={fields.environment}
                onChange={(event) => set({ environment: event.target.value })}
              >
                <option value="">
                  the workspace default{info?.defaultEnvironment ? ` (${info.defaultEnvironment})` : ''}
                </option>
                {info?.environments.map((env) => (
                  <option key={env.name} value={env.name}>
                    {env.name}
                  </option>
                ))}
              </select>
            </label>
            {argo ? (
              <>
                {input('image', 'Step image', "the environment's image")}
                {fields.target === 'argo-cron-workflow' ? input('cron', 'Cron', "the workspace's schedule") : null}
                {input('ref', 'Commit, branch or tag', 'HEAD')}
                {input('volumeSize', 'Volume size', '10Gi')}
                {input('repository', 'Repository URL', 'the remote origin')}
              </>
            ) : (
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="export-only-pipeline"
                  checked={fields.onlyPipeline}
                  onChange={(event) => set({ onlyPipeline: event.target.checked })}
                />
                only {pipeline} (otherwise every pipeline)
              </label>
            )}
          </div>
          <div className="export-preview">
            {problem !== null ? (
              <div className="field-problem error" data-testid="export-problem">
                {problem}
              </div>
            ) : null}
            {preview?.warnings.map((warning) => (
              <div className="field-problem" data-testid="export-warning" key={warning}>
                {warning}
              </div>
            ))}
            <pre className="mono" data-testid="export-preview">
              {preview?.yaml ?? ''}
            </pre>
          </div>
        </div>
        <label className="field">
          <span className="field-label">Save as (in the workspace)</span>
          <input
            data-testid="export-file"
            value={file}
            onChange={(event) => {
              setFile(event.target.value);
              setSaving({ state: 'idle' });
            }}
          />
        </label>
        {saving.state === 'exists' ? (
          <div className="field-problem" data-testid="export-exists">
            {saving.file} exists: overwrite it?
          </div>
        ) : null}
        {saving.state === 'saved' ? (
          <div className="muted small" data-testid="export-saved">
            Saved {saving.file}
          </div>
        ) : null}
        {saving.state === 'failed' ? (
          <div className="field-problem error" data-testid="export-save-problem">
            {saving.message}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {saving.state === 'exists' ? (
            <button type="button" className="button danger" data-testid="export-overwrite" onClick={() => save(true)}>
              Overwrite
            </button>
          ) : (
            <button
              type="submit"
              className="button primary"
              data-testid="export-save"
              disabled={!preview || file === ''}
            >
              <Download size={14} /> Save
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
