// Keeps the problems panel current while editing: each change of the draft is validated in a
// worker shortly after typing pauses; stale answers are dropped.
import { useEffect, useRef } from 'react';
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

  useEffect(() => {
    const created = new Worker(new URL('./validation-worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (message: MessageEvent<{ id: number; problems: Problem[] }>) => {
      if (message.data.id === latest.current) editor.getState().setProblems(message.data.problems);
    };
    worker.current = created;
    return () => created.terminate();
  }, [editor]);

  useEffect(() => {
    if (!draft || !doc) return undefined;
    const timer = setTimeout(() => {
      latest.current += 1;
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
  }, [draft, doc, settingsText]);
}
