// Steps added from templates where the user puts them: dropped from the palette onto the
// canvas, or picked in an empty pipeline's start. The step is centred on the point, selected,
// and given a starter script or notebook when its template has one.
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { DragEvent } from 'react';
import { stepFromTemplate } from '../../../shared/pipeline/step-templates.js';
import { addStep, uniqueStepId } from '../editor/pipeline-edits.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import { useStudio, useWorkspace } from '../studio/studio-context.js';
import { TEMPLATE_DRAG_TYPE } from './drag-types.js';
import type { StepNode } from './flow-model.js';

export interface TemplateSteps {
  /** Adds a step from a template, centred on a point of the screen. */
  addTemplateStep(templateId: string, screen: { x: number; y: number }): void;
  /** The canvas's drop handler for a template dragged from the palette. */
  onDrop(event: DragEvent): void;
}

export function useTemplateSteps(): TemplateSteps {
  const { editor, controller } = useStudio();
  const templates = useWorkspace((state) => state.templates);
  const flow = useReactFlow<StepNode>();

  const addTemplateStep = useCallback(
    (templateId: string, screen: { x: number; y: number }) => {
      const template = templates.find((candidate) => candidate.id === templateId);
      const current = editor.getState().draft;
      if (!template || !current) return;
      const id = uniqueStepId(current, template.id.replace(/^library:/, ''));
      const point = flow.screenToFlowPosition(screen);
      editor.getState().edit((latest) => addStep(latest, id, stepFromTemplate(template, id)));
      if (template.starterNotebook)
        void controller.createStarterNotebook(template.starterNotebook.replaceAll('{id}', id));
      else void controller.offerStarterScript(stepFromTemplate(template, id).run);
      editor
        .getState()
        .setPositions(
          { [id]: { x: Math.round(point.x - NODE_WIDTH / 2), y: Math.round(point.y - NODE_HEIGHT / 2) } },
          false,
        );
      editor.getState().select([id]);
    },
    [controller, editor, flow, templates],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      addTemplateStep(event.dataTransfer.getData(TEMPLATE_DRAG_TYPE), { x: event.clientX, y: event.clientY });
    },
    [addTemplateStep],
  );

  return { addTemplateStep, onDrop };
}
