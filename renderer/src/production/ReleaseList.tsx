// The releases (release-N tags on the production branch), newest first: which experiment each
// merged, when, at which commit, and the gate report that let it through.
import { ChevronDown, ChevronRight, Tag } from 'lucide-react';
import { useState } from 'react';
import type { ReleaseInfo } from '../../../shared/journeys/journey-types.js';
import { GateChecklist, GateVerdict } from '../experiments/GateChecklist.js';

function ReleaseRow({ release, open, onToggle }: { release: ReleaseInfo; open: boolean; onToggle(): void }) {
  return (
    <li className="release" data-testid={`release-${release.name}`}>
      <button
        type="button"
        className="release-head"
        aria-expanded={open}
        data-testid={`release-toggle-${release.name}`}
        onClick={onToggle}
      >
        {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        <Tag size={13} className="release-icon" />
        <strong>{release.name}</strong>
        <span className="mono small">{release.commit.slice(0, 7)}</span>
        <span className="release-merge">
          <span className="mono">{release.branch}</span> → <span className="mono">{release.production}</span>
        </span>
        <span className="spacer" />
        <GateVerdict report={release.report} />
        <span className="muted small">{new Date(release.createdAt).toLocaleString()}</span>
      </button>
      {open ? (
        <div className="release-report">
          <GateChecklist report={release.report} />
        </div>
      ) : null}
    </li>
  );
}

export function ReleaseList({ releases, production }: { releases: ReleaseInfo[]; production: string }) {
  const sorted = [...releases].sort((a, b) => b.number - a.number);
  const [open, setOpen] = useState<string | null>(null);
  const shown = open ?? sorted[0]?.name ?? null;
  return (
    <section className="journey-card" id="production-releases" data-testid="release-list">
      <div className="journey-card-head">
        <Tag size={15} />
        <h3 className="journey-card-title">Releases</h3>
        <span className="count">{releases.length}</span>
      </div>
      {sorted.length === 0 ? (
        <p className="muted" data-testid="releases-empty">
          No release yet. A release is made when an experiment passes its gate and is promoted into {production}: it is
          the merge, tagged release-1, release-2… with its gate report.
        </p>
      ) : (
        <ul className="release-list">
          {sorted.map((release) => (
            <ReleaseRow
              key={release.name}
              release={release}
              open={shown === release.name}
              onToggle={() => setOpen(shown === release.name ? '' : release.name)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
