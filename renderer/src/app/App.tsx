// The studio's frame: toolbar on top; pipelines, palette, history, git, environments and
// monitoring on the left; the canvas (or the Environments or Monitor view over it) in the middle
// with the inspector on the right; problems and the log drawer below.
import { ReactFlowProvider } from '@xyflow/react';
import { Activity, Boxes, Container, FolderTree, GitBranch, History } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Canvas } from '../canvas/Canvas.js';
import { Palette } from '../canvas/Palette.js';
import { EnvironmentList } from '../environments/EnvironmentList.js';
import { EnvironmentsPage } from '../environments/EnvironmentsPage.js';
import { GitPanel } from '../git/GitPanel.js';
import { RemovedStepPanel } from '../git/StepGitDetails.js';
import { MonitorPage } from '../monitoring/MonitorPage.js';
import { MonitorSidebar } from '../monitoring/MonitorSidebar.js';
import { PipelinePanel } from '../panels/PipelinePanel.js';
import { ProblemsPanel } from '../panels/ProblemsPanel.js';
import { StepPanel } from '../panels/StepPanel.js';
import { LogDrawer } from '../runs/LogDrawer.js';
import { RunDialog } from '../runs/RunDialog.js';
import { RunHistory } from '../runs/RunHistory.js';
import { useLiveValidation } from '../validation/use-live-validation.js';
import { PipelineList } from '../workspace/PipelineList.js';
import { Banners } from './Banners.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { useEditor, useStudio, useWorkspace } from './studio-context.js';
import { TopBar } from './TopBar.js';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.js';

type Tab = 'pipelines' | 'steps' | 'history' | 'git' | 'environments' | 'monitor';

const SIDEBAR: Record<Tab, () => ReactNode> = {
  pipelines: PipelineList,
  steps: Palette,
  history: RunHistory,
  git: GitPanel,
  environments: EnvironmentList,
  monitor: MonitorSidebar,
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
  if (selection.length > 1) return <div className="inspector"><p className="muted">{selection.length} steps selected. Delete, copy or drag them together.</p></div>;
  return <PipelinePanel />;
}

export function App() {
  const { controller } = useStudio();
  const theme = useWorkspace((state) => state.theme);
  const [tab, setTab] = useState<Tab>('pipelines');
  const [runDialog, setRunDialog] = useState(false);
  useLiveValidation();
  useKeyboardShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    controller.commandHandlers.set('run', () => setRunDialog(true));
    return () => void controller.commandHandlers.delete('run');
  }, [controller]);

  const SidebarBody = SIDEBAR[tab];
  const tabs: Array<{ id: Tab; label: string; icon: typeof Boxes }> = [
    { id: 'pipelines', label: 'Pipelines', icon: FolderTree },
    { id: 'steps', label: 'Steps', icon: Boxes },
    { id: 'history', label: 'Runs', icon: History },
    { id: 'git', label: 'Git', icon: GitBranch },
    { id: 'environments', label: 'Envs', icon: Container },
    { id: 'monitor', label: 'Monitor', icon: Activity },
  ];

  return (
    <ReactFlowProvider>
      <div className={`studio${tab === 'monitor' ? ' wide-main' : ''}`}>
        <TopBar onRun={() => setRunDialog(true)} onOpenMonitor={() => setTab('monitor')} />
        <aside className="sidebar">
          <nav className="tabs">
            {tabs.map(({ id, label, icon: Icon }) => (
              <button key={id} type="button" className={tab === id ? 'active' : ''} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
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
            {tab === 'environments' ? <EnvironmentsPage /> : null}
            {tab === 'monitor' ? <MonitorPage /> : null}
          </ErrorBoundary>
        </main>
        <aside className="inspector-column">
          <ErrorBoundary area="inspector">
            <Inspector />
            <ProblemsPanel />
          </ErrorBoundary>
        </aside>
        {runDialog ? <RunDialog onClose={() => setRunDialog(false)} /> : null}
      </div>
    </ReactFlowProvider>
  );
}
