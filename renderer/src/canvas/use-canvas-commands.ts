// The canvas's commands (fit, layout, copy, paste, select all), reachable from the desktop
// menu, the toolbar and keyboard shortcuts alike.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { useEditor, useStudio } from '../studio/studio-context.js';
import { isTyping } from '../studio/use-keyboard-shortcuts.js';
import { deleteSteps, pasteSteps } from '../editor/pipeline-edits.js';
import { computeLayout, prepareLayoutFor } from '../layout/auto-layout.js';
import type { Box } from './fit-pipeline.js';
import { boxAt, boxOfNode, fittedViewport, minimapShown } from './fit-pipeline.js';
import { copiedSteps, copySteps } from './step-clipboard.js';

const PASTE_OFFSET = 40;

export function useCanvasCommands(): void {
  const { controller, editor, runs } = useStudio();
  const flow = useReactFlow();
  const store = useStoreApi();

  /** Shows every step: of the nodes as they are, or of the boxes given (a layout not drawn yet). */
  const fitView = useCallback(
    (boxes?: readonly Box[], duration = 200) => {
      const { width, height } = store.getState();
      const minimap = minimapShown(width, runs.getState().logStep !== null);
      const viewport = fittedViewport(boxes ?? flow.getNodes().map(boxOfNode), width, height, minimap);
      if (viewport) void flow.setViewport(viewport, { duration });
    },
    [flow, store, runs],
  );
  const layoutRequest = useEditor((state) => state.layoutRequest);

  const autoLayout = useCallback(async () => {
    const { draft, positions: current } = editor.getState();
    if (!draft) return;
    const positions = await computeLayout(draft, current);
    editor.getState().setPositions(positions);
    fitView(Object.values(positions).map(boxAt), 0);
  }, [editor, fitView]);

  useEffect(() => {
    const { draft, positions } = editor.getState();
    if (!draft || Object.keys(draft.steps ?? {}).length === 0) return;
    prepareLayoutFor(Object.keys(draft.steps).length);
    // A pipeline without any saved position gets laid out once, as if the user asked for it.
    if (Object.keys(draft.steps).every((id) => !positions[id])) {
      void computeLayout(draft).then((laidOut) => {
        editor.getState().setPositions(laidOut, false);
        fitView(Object.values(laidOut).map(boxAt));
      });
    }
  }, [editor, fitView, layoutRequest]);

  useEffect(() => {
    const handlers = controller.commandHandlers;
    handlers.set('fit-view', () => fitView());
    handlers.set('auto-layout', () => void autoLayout());
    handlers.set('select-all', () => editor.getState().select(Object.keys(editor.getState().draft?.steps ?? {})));
    handlers.set('copy', () => {
      const { draft, positions, selection } = editor.getState();
      if (draft) copySteps(draft, positions, selection);
    });
    handlers.set('paste', () => {
      const copied = copiedSteps();
      if (!copied || !editor.getState().draft) return;
      let ids: Record<string, string> = {};
      editor.getState().edit((draft) => {
        const pasted = pasteSteps(draft, copied);
        ids = pasted.ids;
        return pasted.draft;
      });
      const { positions } = editor.getState();
      const anchor = Object.keys(copied.offsets)[0];
      const base = (anchor ? positions[anchor] : undefined) ?? { x: 0, y: 0 };
      editor.getState().setPositions(
        Object.fromEntries(
          Object.entries(ids).map(([from, to]) => {
            const offset = copied.offsets[from] ?? { x: 0, y: 0 };
            return [to, { x: base.x + offset.x + PASTE_OFFSET, y: base.y + offset.y + PASTE_OFFSET }];
          }),
        ),
        false,
      );
      editor.getState().select(Object.values(ids));
    });
    handlers.set('delete', () => {
      const { selection } = editor.getState();
      if (selection.length === 0) return;
      editor.getState().edit((draft) => deleteSteps(draft, selection));
      editor.getState().select([]);
    });
    // Copy and paste arrive as clipboard events, from the keyboard or the desktop Edit menu.
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || editor.getState().selection.length === 0) return;
      event.preventDefault();
      handlers.get('copy')?.();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !copiedSteps()) return;
      event.preventDefault();
      handlers.get('paste')?.();
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      for (const command of ['fit-view', 'auto-layout', 'select-all', 'copy', 'paste', 'delete'] as const)
        handlers.delete(command);
    };
  }, [controller, editor, fitView, autoLayout]);
}
