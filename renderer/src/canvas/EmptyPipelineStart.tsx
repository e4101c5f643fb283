// What an empty pipeline shows: how to start. Dragging a step from the Steps tab works as
// always; the built-in templates are also one click away here. It goes once a step exists.
import { useRef } from 'react';
import type { StepTemplate } from '../../../shared/pipeline/step-templates.js';

export function EmptyPipelineStart({
  templates,
  onPick,
}: {
  templates: readonly StepTemplate[];
  onPick: (templateId: string, screen: { x: number; y: number }) => void;
}) {
  const card = useRef<HTMLDivElement>(null);
  const builtIn = templates.filter((template) => template.source === 'built-in');
  const pick = (templateId: string) => {
    // The new step lands where the card was, in the middle of the canvas.
    const box = card.current?.getBoundingClientRect();
    onPick(templateId, box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : { x: 0, y: 0 });
  };
  return (
    <div className="canvas-start" data-testid="canvas-start">
      <div className="canvas-start-card" ref={card}>
        <h2>This pipeline has no steps yet</h2>
        <p>
          Drag a step here from the <strong>Steps</strong> tab, or pick a template:
        </p>
        <div className="canvas-start-templates">
          {builtIn.map((template) => (
            <button
              key={template.id}
              type="button"
              className="button"
              data-testid={`start-template-${template.id}`}
              title={template.description}
              onClick={() => pick(template.id)}
            >
              {template.title}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
