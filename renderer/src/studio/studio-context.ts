// The studio's stores, made once by a factory and handed down by React context; components
// read them through selectors (useShallow for objects), as React Flow's own apps do.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { CompareController } from '../controllers/compare-controller.js';
import type { EnvironmentController } from '../controllers/environment-controller.js';
import type { ExperimentsController } from '../controllers/experiments-controller.js';
import type { GitController } from '../controllers/git-controller.js';
import type { MonitoringController } from '../controllers/monitoring-controller.js';
import type { PreviewController } from '../controllers/preview-controller.js';
import type { ProductionController } from '../controllers/production-controller.js';
import type { CompareStore, CompareViewActions, CompareViewState } from '../stores/compare-store.js';
import type { ExperimentsStore, ExperimentsViewActions, ExperimentsViewState } from '../stores/experiments-store.js';
import type { GitStore, GitViewActions, GitViewState } from '../stores/git-store.js';
import type { EditorActions, EditorState, EditorStore } from '../stores/editor-store.js';
import type { EnvironmentViewActions, EnvironmentViewState, EnvironmentStore } from '../stores/environment-store.js';
import type { MonitoringStore, MonitoringViewActions, MonitoringViewState } from '../stores/monitoring-store.js';
import type { PreviewStore, PreviewViewActions, PreviewViewState } from '../stores/preview-store.js';
import type { ProductionStore, ProductionViewActions, ProductionViewState } from '../stores/production-store.js';
import type { RunViewActions, RunViewState, RunViewStore } from '../stores/run-store.js';
import type { WorkspaceActions, WorkspaceState, WorkspaceStore } from '../stores/workspace-store.js';
import type { StudioApi } from '../transport/studio-api.js';
import type { Transport } from '../transport/transport.js';
import type { StudioController } from '../controllers/studio-controller.js';

export interface Studio {
  transport: Transport;
  api: StudioApi;
  workspace: WorkspaceStore;
  editor: EditorStore;
  runs: RunViewStore;
  environments: EnvironmentStore;
  git: GitStore;
  monitoring: MonitoringStore;
  production: ProductionStore;
  experiments: ExperimentsStore;
  compare: CompareStore;
  preview: PreviewStore;
  controller: StudioController;
  environmentController: EnvironmentController;
  gitController: GitController;
  monitoringController: MonitoringController;
  productionController: ProductionController;
  experimentsController: ExperimentsController;
  compareController: CompareController;
  previewController: PreviewController;
}

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside StudioContext');
  return studio;
}

export function useEditor<T>(selector: (state: EditorState & EditorActions) => T): T {
  return useStore(useStudio().editor, selector);
}

export function useRuns<T>(selector: (state: RunViewState & RunViewActions) => T): T {
  return useStore(useStudio().runs, selector);
}

export function useWorkspace<T>(selector: (state: WorkspaceState & WorkspaceActions) => T): T {
  return useStore(useStudio().workspace, selector);
}

export function useEnvironments<T>(selector: (state: EnvironmentViewState & EnvironmentViewActions) => T): T {
  return useStore(useStudio().environments, selector);
}

export function useGit<T>(selector: (state: GitViewState & GitViewActions) => T): T {
  return useStore(useStudio().git, selector);
}

export function useMonitoring<T>(selector: (state: MonitoringViewState & MonitoringViewActions) => T): T {
  return useStore(useStudio().monitoring, selector);
}

export function useProduction<T>(selector: (state: ProductionViewState & ProductionViewActions) => T): T {
  return useStore(useStudio().production, selector);
}

export function useExperiments<T>(selector: (state: ExperimentsViewState & ExperimentsViewActions) => T): T {
  return useStore(useStudio().experiments, selector);
}

export function useCompare<T>(selector: (state: CompareViewState & CompareViewActions) => T): T {
  return useStore(useStudio().compare, selector);
}

export function usePreview<T>(selector: (state: PreviewViewState & PreviewViewActions) => T): T {
  return useStore(useStudio().preview, selector);
}
