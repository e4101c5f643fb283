// Opens previews: from a step's outputs on its node, an edge's files, or a path in the step
// panel. The file is checked against the run shown on the canvas when the step that writes it
// took part in that run, so the preview can say "changed since run X" or "gone". A data file
// shows its first rows, schema and count at once; its profile (a scan of the whole file) follows.
import type { EditorStore } from '../stores/editor-store.js';
import type { PreviewStore, PreviewTarget, PreviewView } from '../stores/preview-store.js';
import type { RunViewStore } from '../stores/run-store.js';
import type { StudioApi } from '../transport/studio-api.js';

export class PreviewController {
  /** Answers to an earlier click that arrive late are dropped. */
  private asked = 0;

  constructor(
    private readonly api: StudioApi,
    private readonly store: PreviewStore,
    private readonly runs: RunViewStore,
    private readonly editor: EditorStore,
  ) {}

  /** `writer` is the step whose output the file is (null for a file no step writes). */
  open(paths: readonly string[], writer: string | null, path = paths[0], view: PreviewView = 'data'): void {
    if (path === undefined) return;
    this.store.getState().setView(view);
    const run = this.runs.getState().run;
    const ran = writer !== null && run?.steps.some((step) => step.id === writer);
    void this.load({ paths: [...paths], path, run: ran && run ? { runId: run.id, stepId: writer } : null });
  }

  /** Another of the offered files, or a file of a folder shown (checked against no run: the run recorded the folder). */
  pick(path: string): void {
    const target = this.store.getState().target;
    if (target === null) return;
    const offered = target.paths.includes(path);
    void this.load({ paths: offered ? target.paths : [...target.paths, path], path, run: offered ? target.run : null });
  }

  /** The step of the open pipeline that lists `path` among its outputs, if any. */
  writerOf(path: string): string | null {
    const steps = this.editor.getState().draft?.steps ?? {};
    return Object.entries(steps).find(([, step]) => (step.outputs ?? []).includes(path))?.[0] ?? null;
  }

  close(): void {
    this.asked += 1;
    this.store.getState().close();
  }

  private async load(target: PreviewTarget): Promise<void> {
    const asked = ++this.asked;
    this.store.getState().show(target);
    try {
      const request = { path: target.path, ...(target.run ? { run: target.run } : {}) };
      const first = await this.api('preview:file', { ...request, profile: false });
      if (asked !== this.asked) return;
      this.store.getState().setAnswer(first);
      if (first.preview?.kind !== 'table') return;
      const whole = await this.api('preview:file', request);
      if (asked === this.asked) this.store.getState().setAnswer(whole);
    } catch (error) {
      if (asked === this.asked) this.store.getState().setError(error instanceof Error ? error.message : String(error));
    }
  }
}
