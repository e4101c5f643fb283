// The run history arrives in pages, newest first. A refresh (a run finished) brings the newest
// page again; it replaces the top of what is loaded without dropping the older pages a person
// has scrolled to.
import type { RunCursor, RunListItem } from '../../../shared/run/run-types.js';

export const HISTORY_PAGE = 100;

export interface HistoryPages {
  runs: RunListItem[];
  /** Every run of the pipeline is loaded: no older page to ask for. */
  complete: boolean;
}

/** The newest page over what was loaded: where they meet, the older loaded runs stay. */
export function withNewestPage(loaded: HistoryPages, page: RunListItem[], limit: number): HistoryPages {
  const last = page.at(-1);
  const meets = last === undefined ? -1 : loaded.runs.findIndex((run) => run.id === last.id);
  if (meets < 0) return { runs: page, complete: page.length < limit };
  return { runs: [...page, ...loaded.runs.slice(meets + 1)], complete: loaded.complete };
}

/** An older page after the loaded runs. */
export function withOlderPage(loaded: HistoryPages, page: RunListItem[], limit: number): HistoryPages {
  const known = new Set(loaded.runs.map((run) => run.id));
  return { runs: [...loaded.runs, ...page.filter((run) => !known.has(run.id))], complete: page.length < limit };
}

/** Where the next older page starts. */
export function historyCursor(loaded: HistoryPages): RunCursor | null {
  const last = loaded.runs.at(-1);
  return last ? { createdAt: last.createdAt, id: last.id } : null;
}
