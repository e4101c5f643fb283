// Starts the studio: connects to the node layer, builds the stores, renders the app.
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/studio.css';
import './styles/canvas.css';
import './styles/panels.css';
import './styles/monitoring.css';
import './styles/journeys.css';
import './styles/preview.css';
import './styles/notebook.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { StudioContext } from './studio/studio-context.js';
import type { Studio } from './studio/studio-context.js';
import { StudioController } from './controllers/studio-controller.js';
import { CompareController } from './controllers/compare-controller.js';
import { DraftController } from './controllers/draft-controller.js';
import { EnvironmentController } from './controllers/environment-controller.js';
import { ExperimentsController } from './controllers/experiments-controller.js';
import { GitController } from './controllers/git-controller.js';
import { MonitoringController } from './controllers/monitoring-controller.js';
import { PreviewController } from './controllers/preview-controller.js';
import { ProductionController } from './controllers/production-controller.js';
import { createCompareStore } from './stores/compare-store.js';
import { createGitStore } from './stores/git-store.js';
import { createEditorStore } from './stores/editor-store.js';
import { createEnvironmentStore } from './stores/environment-store.js';
import { createExperimentsStore } from './stores/experiments-store.js';
import { createMonitoringStore } from './stores/monitoring-store.js';
import { createPreviewStore } from './stores/preview-store.js';
import { createProductionStore } from './stores/production-store.js';
import { createRunViewStore } from './stores/run-store.js';
import { createWorkspaceStore } from './stores/workspace-store.js';
import { createTransport } from './transport/create-transport.js';
import { studioApi } from './transport/studio-api.js';

// The wiring of the studio, in one place:
// - stores (stores/) hold state and the pure logic that updates it; views read them through
//   studio/studio-context.ts and never write the node layer themselves;
// - controllers (controllers/) own every side effect: contract calls and the node layer's
//   events (transport.on). Each writes its own store, and the editor, run and workspace stores
//   belong to the studio controller;
// - who listens to whom: the studio controller tells what happens to the open pipeline
//   (controller.documents: opened, reloaded, saved, closed), which the git controller (locks a
//   conflicted pipeline), the monitoring controller (follows the open pipeline) and the compare
//   controller (closes the comparison) and the draft controller (offers unsaved edits kept from
//   an earlier session) act on; git, monitoring and compare ask the studio
//   controller to save or open; production asks monitoring for its overview; experiments asks
//   git to switch branches. One controller watches a store it does not own: the draft
//   controller follows the editor store, because edits reach it straight from the views and a
//   draft must follow each one; it writes to it only when the user restores a draft.
async function start(root: HTMLElement): Promise<void> {
  const transport = await createTransport();
  const api = studioApi(transport);
  const workspace = createWorkspaceStore();
  const editor = createEditorStore();
  const runs = createRunViewStore();
  const environments = createEnvironmentStore();
  const controller = new StudioController(transport, api, workspace, editor, runs);
  const environmentController = new EnvironmentController(transport, api, environments, workspace);
  const git = createGitStore();
  const gitController = new GitController(transport, api, git, editor, workspace, controller);
  const monitoring = createMonitoringStore();
  const monitoringController = new MonitoringController(transport, api, monitoring, editor, workspace, controller);
  const production = createProductionStore();
  const productionController = new ProductionController(
    transport,
    api,
    production,
    workspace,
    controller,
    monitoringController,
  );
  const experiments = createExperimentsStore();
  const experimentsController = new ExperimentsController(transport, api, experiments, workspace, gitController);
  const compare = createCompareStore();
  const compareController = new CompareController(api, compare, runs, controller);
  const preview = createPreviewStore();
  const previewController = new PreviewController(api, preview, runs, editor);
  const studio: Studio = {
    transport,
    api,
    workspace,
    editor,
    runs,
    environments,
    git,
    monitoring,
    production,
    experiments,
    compare,
    preview,
    controller,
    environmentController,
    gitController,
    monitoringController,
    productionController,
    experimentsController,
    compareController,
    previewController,
  };
  createRoot(root).render(
    <StrictMode>
      <StudioContext.Provider value={studio}>
        <App />
      </StudioContext.Provider>
    </StrictMode>,
  );
  new DraftController(api, editor, workspace, controller).start();
  await controller.start();
  environmentController.start();
  gitController.start();
  monitoringController.start();
  productionController.start();
  experimentsController.start();
  compareController.start();
}

const root = document.getElementById('root');
if (!root) throw new Error('the studio page has no #root element');
start(root).catch((error: unknown) => {
  root.innerHTML = '';
  const message = document.createElement('div');
  message.className = 'fatal';
  message.dataset.testid = 'fatal-error';
  message.textContent = error instanceof Error ? error.message : String(error);
  root.append(message);
});
