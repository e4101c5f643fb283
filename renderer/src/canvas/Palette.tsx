// Step templates to drag onto the canvas: the built-ins and the workspace's library/.
import { Braces, Database, FileCode, NotebookPen, SquareTerminal } from 'lucide-react';
import type { StepTemplate } from '../../../shared/pipeline/step-templates.js';
import { useWorkspace } from '../studio/studio-context.js';
import { TEMPLATE_DRAG_TYPE } from './drag-types.js';

const ICONS = { shell: SquareTerminal, python: FileCode, node: Braces, sql: Database, notebook: NotebookPen } as const;

function PaletteItem({ template }: { template: StepTemplate }) {
  const Icon = ICONS[template.language];
  return (
    <div
      className="palette-item"
      draggable
      data-testid={`palette-item-${template.id}`}
      title={template.description}
      onDragStart={(event) => {
        event.dataTransfer.setData(TEMPLATE_DRAG_TYPE, template.id);
        event.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <Icon size={16} />
      <span className="palette-text">
        <span>{template.title}</span>
        <span className="muted">{template.description}</span>
      </span>
    </div>
  );
}

export function Palette() {
  const templates = useWorkspace((state) => state.templates);
  const problems = useWorkspace((state) => state.templateProblems);
  const builtIn = templates.filter((template) => template.source === 'built-in');
  const library = templates.filter((template) => template.source === 'library');
  return (
    <div className="palette" data-testid="palette">
      <div className="section-title">
        <span>Steps</span>
        <span className="muted">drag onto the canvas</span>
      </div>
      {builtIn.map((template) => (
        <PaletteItem key={template.id} template={template} />
      ))}
      <div className="section-title">
        <span>Library</span>
      </div>
      {library.length === 0 ? <p className="muted">Add reusable steps as library/&lt;name&gt;.step.yaml.</p> : null}
      {library.map((template) => (
        <PaletteItem key={template.id} template={template} />
      ))}
      {problems.map((problem, index) => (
        <p key={index} className="field-problem error">
          {problem.file}:{problem.line}: {problem.message}
        </p>
      ))}
    </div>
  );
}
