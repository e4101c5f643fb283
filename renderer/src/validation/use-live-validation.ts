// Keeps the problems panel current while editing: each change of the draft is validated in a
// worker shortly after typing pauses; stale answers are dropped. A draft whose problems are
// known already (the pipeline just loaded: the node layer validated that very text) is not
// validated again: on a large pipeline that second parse would compete with drawing it.
import { useEffect, useRef } from 'react';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import { useEditor, useStudio, useWorkspace } from '../studio/studio-context.js';
import type { ValidationRequest } from './validation-worker.js';

const DEBOUNCE_MS = 150;

export function useLiveValidation(): void {
  const { editor } = useStudio();
  const draft = useEditor((state) => state.draft);
  const doc = useEditor((state) => state.doc);
  const settingsText = useWorkspace((state) => state.info?.settingsText ?? '');
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  /** The draft of the request `latest` names. */
  const requested = useRef<PipelineDraft | null>(null);
  /** The settings the shown problems were found with. */
  const checkedSettings = useRef(settingsText);

  useEffect(() => {
    const created = new Worker(new URL('./validation-worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (message: MessageEvent<{ id: number; problems: Problem[] }>) => {
      // An answer for another pipeline than the one now open (switched meanwhile) is dropped too.
      if (message.data.id !== latest.current || editor.getState().draft !== requested.current) return;
      editor.getState().setProblems(message.data.problems, requested.current);
    };
    worker.current = created;
    return () => created.terminate();
  }, [editor]);

  useEffect(() => {
    if (!draft || !doc) {
      // What loads next comes with problems found with the settings of now.
      checkedSettings.current = settingsText;
      return undefined;
    }
    if (draft === editor.getState().problemsOf && settingsText === checkedSettings.current) return undefined;
    const timer = setTimeout(() => {
      latest.current += 1;
      requested.current = draft;
      checkedSettings.current = settingsText;
      const request: ValidationRequest = {
        id: latest.current,
        file: doc.file,
        baseText: doc.text,
        draft,
        settingsText,
      };
      worker.current?.postMessage(request);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, doc, settingsText, editor]);
}
