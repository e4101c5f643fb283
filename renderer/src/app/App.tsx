// The studio's frame: toolbar on top; pipelines, palette, history, git, environments,
// monitoring, production and experiments on the left; the canvas (or the Environments, Monitor,
// Production or Experiments view over it) in the middle with the inspector on the right;
// problems, the log drawer and a comparison of two runs below.
import { ReactFlowProvider } from '@xyflow/react';
import { Activity, Boxes, Container, Factory, FlaskConical, FolderTree, GitBranch, History } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Canvas } from '../canvas/Canvas.js';
import { CompareRunsPanel } from '../compare/CompareRunsPanel.js';
import { Palette } from '../canvas/Palette.js';
import { EnvironmentList } from '../environments/EnvironmentList.js';
import { EnvironmentsPage } from '../environments/EnvironmentsPage.js';
import { ExperimentsPage } from '../experiments/ExperimentsPage.js';
import { ExperimentsSidebar } from '../experiments/ExperimentsSidebar.js';
import { GitPanel } from '../git/GitPanel.js';
import { RemovedStepPanel } from '../git/StepGitDetails.js';
import { MonitorPage } from '../monitoring/MonitorPage.js';
import { MonitorSidebar } from '../monitoring/MonitorSidebar.js';
import { PipelinePanel } from '../panels/PipelinePanel.js';
import { PreviewDialog } from '../preview/PreviewDialog.js';
import { ProductionPage } from '../production/ProductionPage.js';
import { ProductionSidebar } from '../production/ProductionSidebar.js';
import { ProblemsPanel } from '../panels/ProblemsPanel.js';
import { StepPanel } from '../panels/StepPanel.js';
import { LogDrawer } from '../runs/LogDrawer.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { STUDIO_VIEWS } from '../controllers/studio-actions.js';
import type { StudioCommand, StudioView } from '../controllers/studio-actions.js';
import { CommandPalette } from './CommandPalette.js';
import { RunDialog } from '../runs/RunDialog.js';
import { RunHistory } from '../runs/RunHistory.js';
import { useLiveValidation } from '../validation/use-live-validation.js';
import { PipelineList } from '../workspace/PipelineList.js';
import { Banners } from './Banners.js';
import { QuestionDialog } from './QuestionDialog.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { useEditor, useStudio, useWorkspace } from '../studio/studio-context.js';
import { TopBar } from './TopBar.js';
import { useKeyboardShortcuts } from '../studio/use-keyboard-shortcuts.js';

type Tab = StudioView;

/** Views that cover the canvas and need its width: the inspector steps aside for them. */
const WIDE: ReadonlySet<Tab> = new Set(['monitor', 'production', 'experiments']);

const SIDEBAR: Record<Tab, () => ReactNode> = {
  pipelines: PipelineList,
  steps: Palette,
  history: RunHistory,
  git: GitPanel,
  environments: EnvironmentList,
  monitor: MonitorSidebar,
  production: ProductionSidebar,
  experiments: ExperimentsSidebar,
};

function Inspector() {
  const selection = useEditor((state) => state.selection);
  const steps = useEditor((state) => state.draft?.steps);
  const hasStep = (id: string) => steps?.[id] !== undefined;
  const hasDoc = useEditor((state) => state.doc !== null);
  if (!hasDoc) return null;
  const only = selection.length === 1 ? selection[0] : undefined;
  if (only && !hasStep(only)) return <RemovedStepPanel id={only} key={only} />;
  if (only) return <StepPanel id={only} key={only} />;
  if (selection.length > 1)
    return (
      <div className="inspector">
        <p className="muted">{selection.length} steps selected. Delete, copy or drag them together.</p>
      </div>
    );
  return <PipelinePanel />;
}

export function App() {
  const { controller, editor } = useStudio();
  const theme = useWorkspace((state) => state.theme);
  const [tab, setTab] = useState<Tab>('pipelines');
  const [runDialog, setRunDialog] = useState(false);
  const [exportDialog, setExportDialog] = useState(false);
  const [palette, setPalette] = useState(false);
  const pipeline = useEditor((state) => state.doc?.name ?? null);
  useLiveValidation();
  useKeyboardShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    const handlers = controller.commandHandlers;
    const own = new Map<StudioCommand, () => void>([
      ['run', () => setRunDialog(true)],
      ['export', () => setExportDialog(editor.getState().doc !== null)],
      ['command-palette', () => setPalette(true)],
      ...STUDIO_VIEWS.map((view): [StudioCommand, () => void] => [`show-${view}`, () => setTab(view)]),
    ]);
    for (const [command, handler] of own) handlers.set(command, handler);
    return () => {
      for (const command of own.keys()) handlers.delete(command);
    };
  }, [controller, editor]);

  const SidebarBody = SIDEBAR[tab];
  const tabs: Array<{ id: Tab; label: string; icon: typeof Boxes }> = [
    { id: 'pipelines', label: 'Pipelines', icon: FolderTree },
    { id: 'steps', label: 'Steps', icon: Boxes },
    { id: 'history', label: 'Runs', icon: History },
    { id: 'git', label: 'Git', icon: GitBranch },
    { id: 'environments', label: 'Envs', icon: Container },
    { id: 'monitor', label: 'Monitor', icon: Activity },
    { id: 'production', label: 'Production', icon: Factory },
    { id: 'experiments', label: 'Experiments', icon: FlaskConical },
  ];

  return (
    <ReactFlowProvider>
      <div className={`studio${WIDE.has(tab) ? ' wide-main' : ''}`}>
        <TopBar
          onRun={() => setRunDialog(true)}
          onExport={() => setExportDialog(true)}
          onOpenMonitor={() => setTab('monitor')}
        />
        <aside className="sidebar">
          <nav className="tabs">
            {tabs.map(({ id, label, icon: Icon }) => (
              <button
                key={id}
                type="button"
                className={`${tab === id ? 'active' : ''}${id === 'production' || id === 'experiments' ? ' journey-tab' : ''}`}
                data-testid={`tab-${id}`}
                onClick={() => setTab(id)}
              >
                <Icon size={15} /> {label}
              </button>
            ))}
          </nav>
          <div className="sidebar-body">
            <ErrorBoundary area="sidebar" key={tab}>
              <SidebarBody />
            </ErrorBoundary>
          </div>
        </aside>
        <main className="main">
          <ErrorBoundary area="canvas">
            <Banners />
            <Canvas />
            <LogDrawer />
            <CompareRunsPanel />
            {tab === 'environments' ? <EnvironmentsPage /> : null}
            {tab === 'monitor' ? <MonitorPage /> : null}
            {tab === 'production' ? <ProductionPage onOpenMonitor={() => setTab('monitor')} /> : null}
            {tab === 'experiments' ? <ExperimentsPage /> : null}
          </ErrorBoundary>
        </main>
        <aside className="inspector-column">
          <ErrorBoundary area="inspector">
            <Inspector />
            <ProblemsPanel />
          </ErrorBoundary>
        </aside>
        {runDialog ? <RunDialog onClose={() => setRunDialog(false)} /> : null}
        {exportDialog && pipeline !== null ? (
          <ExportDialog pipeline={pipeline} onClose={() => setExportDialog(false)} />
        ) : null}
        <ErrorBoundary area="preview">
          <PreviewDialog />
        </ErrorBoundary>
        {palette ? <CommandPalette onClose={() => setPalette(false)} /> : null}
        <QuestionDialog />
      </div>
    </ReactFlowProvider>
  );
}
