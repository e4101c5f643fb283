// Messages across the canvas: the file changed on disk, the file cannot be edited, the
// connection was lost, Docker is not reachable, and passing notices.
import { AlertCircle, Container, Info, RefreshCw, X } from 'lucide-react';
import { useState } from 'react';
import { GitBanners } from '../git/GitBanners.js';
import { useEditor, useEnvironments, useStudio, useWorkspace } from '../studio/studio-context.js';

export function Banners() {
  const { controller, workspace, environmentController } = useStudio();
  const docker = useEnvironments((state) => state.overview?.docker ?? null);
  const [dockerDismissed, setDockerDismissed] = useState(false);
  const diskChange = useEditor((state) => state.diskChange);
  const readOnly = useEditor((state) => state.readOnly);
  const viewing = useEditor((state) => state.viewing !== null);
  const problems = useEditor((state) => state.problems);
  const doc = useEditor((state) => state.doc);
  const disconnected = useWorkspace((state) => state.disconnected);
  const notices = useWorkspace((state) => state.notices);
  return (
    <div className="banners">
      {disconnected ? (
        <div className="banner error" data-testid="disconnected-banner">
          <AlertCircle size={15} /> The connection to Pipewright was lost. Restart it and reload this page.
        </div>
      ) : null}
      {docker && !docker.available && !dockerDismissed ? (
        <div className="banner warn" data-testid="docker-banner">
          <Container size={15} />
          <span>{docker.message}</span>
          <button
            type="button"
            className="button small"
            data-testid="docker-retry"
            onClick={() => void environmentController.refresh()}
          >
            Retry
          </button>
          <button type="button" className="icon-button" title="Hide" onClick={() => setDockerDismissed(true)}>
            <X size={14} />
          </button>
        </div>
      ) : null}
      {diskChange && doc ? (
        <div className="banner warn" data-testid="disk-change-banner">
          <RefreshCw size={15} />
          <span>
            {diskChange.hash === null
              ? `${doc.file} changed on disk (or was removed) while you edited it.`
              : `${doc.file} changed on disk.`}
          </span>
          <button
            type="button"
            className="button small"
            data-testid="reload-button"
            onClick={() => void controller.reloadFromDisk()}
          >
            Reload from disk
          </button>
          <button
            type="button"
            className="button small"
            data-testid="keep-mine-button"
            onClick={() => void controller.save(true)}
          >
            Keep my version
          </button>
        </div>
      ) : null}
      <GitBanners />
      {readOnly && doc && !viewing ? (
        <div className="banner error" data-testid="read-only-banner">
          <AlertCircle size={15} /> {doc.file}: {readOnly}.{problems.length > 0 ? ' See the problems below.' : ''}
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} className={`banner ${notice.kind === 'error' ? 'error' : 'info'}`} data-testid="notice">
          {notice.kind === 'error' ? <AlertCircle size={15} /> : <Info size={15} />}
          <span>{notice.message}</span>
          <button
            type="button"
            className="icon-button"
            title="Dismiss"
            aria-label="Dismiss"
            onClick={() => workspace.getState().dismiss(notice.id)}
          >
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
