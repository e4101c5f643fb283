// Uncommitted work met a switch or a merge. Nothing is ever discarded: commit it first,
// carry it over (possible only when the operation does not touch those files), or cancel.
import { X } from 'lucide-react';
import { useState } from 'react';
import { useGit, useStudio } from '../studio/studio-context.js';

export function DecisionDialog() {
  const { gitController } = useStudio();
  const decision = useGit((state) => state.decision);
  const busy = useGit((state) => state.busy);
  const [message, setMessage] = useState('');
  if (!decision) return null;
  const what = decision.action === 'switch' ? `switching to ${decision.target}` : `merging ${decision.target}`;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" data-testid="decision-dialog">
        <div className="dialog-title">
          <span>Uncommitted changes</span>
          <button type="button" className="icon-button" onClick={() => gitController.cancelDecision()}>
            <X size={16} />
          </button>
        </div>
        <p>
          These files have changes that are not committed. {what[0]?.toUpperCase()}
          {what.slice(1)} does not touch them, so they can come along unchanged:
        </p>
        <ul className="decision-files" data-testid="decision-files">
          {decision.dirty.carried.map((path) => (
            <li key={path} className="mono small">
              {path}
            </li>
          ))}
        </ul>
        <label className="field">
          <span className="field-label">Or commit them first, with the message</span>
          <input
            data-testid="decision-commit-message"
            value={message}
            placeholder="What changed"
            onChange={(event) => setMessage(event.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="decision-cancel"
            onClick={() => gitController.cancelDecision()}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button"
            data-testid="decision-commit"
            disabled={busy || message.trim() === ''}
            onClick={() => void gitController.commitAndContinue(message.trim())}
          >
            Commit, then continue
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="decision-carry"
            disabled={busy}
            onClick={() => void gitController.carryOver()}
          >
            Carry them over
          </button>
        </div>
      </div>
    </div>
  );
}
