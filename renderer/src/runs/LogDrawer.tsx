// A step's log, streaming while the step runs. Only the lines in view are in the DOM, so a log
// of hundreds of thousands of lines scrolls as smoothly as a short one; search jumps between
// matches.
import { ChevronDown, ChevronUp, Search, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useRuns, useStudio } from '../studio/studio-context.js';
import { logLine, logLines } from '../stores/run-store.js';
import { StatusIcon } from './status-look.js';
import { attemptRanges, headerAttempt } from '../../../shared/run/attempt-log.js';

const ROW_HEIGHT = 18;
const OVERSCAN = 20;

function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let at = 0;
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, found), <mark key={found}>{text.slice(found, found + query.length)}</mark>);
    at = found + query.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LogDrawer() {
  const { runs } = useStudio();
  const logKey = useRuns((state) => state.logStep);
  const version = useRuns((state) => state.logVersion);
  const run = useRuns((state) => state.run);
  const live = useRuns((state) => state.live);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(240);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  /** The attempt shown on its own; null: all of them. */
  const [shownAttempt, setShownAttempt] = useState<number | null>(null);
  const follow = useRef(true);

  const stepId = logKey?.split('#')[0] ?? '';
  const step = run?.steps.find((candidate) => candidate.id === stepId);
  const buffer = logKey ? runs.getState().log(logKey) : null;
  const lineCount = buffer ? logLines(buffer) : 0;

  const ranges = useMemo(
    () => (buffer ? attemptRanges(lineCount, (index) => logLine(buffer, index)) : []),
    // The buffer is appended in place; `version` says when it grew.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buffer, lineCount, version],
  );
  useEffect(() => setShownAttempt(null), [logKey]);
  const range = ranges.find((candidate) => candidate.attempt === shownAttempt);
  // The lines in view: all, or one attempt's (its header first).
  const base = range?.first ?? 0;
  const total = range ? range.end - range.first : lineCount;
  const lineAt = (index: number) => (buffer ? logLine(buffer, base + index) : '');

  const matches = useMemo(() => {
    if (!buffer || query.length === 0) return [];
    const needle = query.toLowerCase();
    const found: number[] = [];
    for (let index = 0; index < total; index += 1)
      if (
        logLine(buffer, base + index)
          .toLowerCase()
          .includes(needle)
      )
        found.push(index);
    return found;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, query, total, base, version]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [logKey]);

  useEffect(() => {
    const element = viewport.current;
    if (element && follow.current) element.scrollTop = element.scrollHeight;
  }, [version, logKey]);

  const jump = (index: number) => {
    if (matches.length === 0) return;
    const wrapped = (index + matches.length) % matches.length;
    setCurrent(wrapped);
    follow.current = false;
    const line = matches[wrapped];
    if (line !== undefined && viewport.current)
      viewport.current.scrollTop = Math.max(0, line * ROW_HEIGHT - height / 2);
  };

  if (!logKey || !buffer) return null;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const currentLine = matches[current];
  const rows = [];
  for (let index = first; index < last; index += 1) {
    const text = lineAt(index);
    const header = headerAttempt(text) !== null;
    rows.push(
      <div
        key={index}
        className={`log-line${index === currentLine ? ' current' : ''}${header ? ' attempt-header' : ''}`}
        style={{ top: index * ROW_HEIGHT }}
        data-testid={header ? 'log-attempt-header' : 'log-line'}
      >
        <span className="log-number">{index + 1}</span>
        <Highlighted text={text} query={query} />
      </div>,
    );
  }

  return (
    <section className="log-drawer" data-testid="log-drawer">
      <header className="log-header">
        {step ? <StatusIcon status={step.status} /> : null}
        <span className="log-title mono" data-testid="log-title">
          {logKey.replace('#', ' › ')}
        </span>
        <span className="muted">
          {total.toLocaleString()} line{total === 1 ? '' : 's'}
          {live && step?.status === 'running' ? ' · streaming' : ''}
        </span>
        {ranges.length > 1 ? (
          <select
            className="log-attempt"
            data-testid="log-attempt"
            aria-label="Which attempt"
            value={shownAttempt ?? ''}
            onChange={(event) => {
              setShownAttempt(event.target.value === '' ? null : Number(event.target.value));
              setCurrent(0);
            }}
          >
            <option value="">All {ranges.length} attempts</option>
            {ranges.map(({ attempt }) => (
              <option key={attempt} value={attempt}>
                Attempt {attempt}
              </option>
            ))}
          </select>
        ) : null}
        <span className="log-search">
          <Search size={13} />
          <input
            data-testid="log-search"
            placeholder="Search log"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setCurrent(0);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') jump(current + (event.shiftKey ? -1 : 1));
            }}
          />
          <span className="muted" data-testid="log-match-count">
            {query ? `${matches.length === 0 ? 0 : current + 1}/${matches.length}` : ''}
          </span>
          <button type="button" className="icon-button" title="Previous match" onClick={() => jump(current - 1)}>
            <ChevronUp size={14} />
          </button>
          <button type="button" className="icon-button" title="Next match" onClick={() => jump(current + 1)}>
            <ChevronDown size={14} />
          </button>
        </span>
        <button
          type="button"
          className="icon-button"
          title="Close log"
          data-testid="log-close"
          onClick={() => runs.getState().openLog(null)}
        >
          <X size={15} />
        </button>
      </header>
      <div
        className="log-viewport mono"
        ref={viewport}
        data-testid="log-viewport"
        onScroll={(event) => {
          const element = event.currentTarget;
          setScrollTop(element.scrollTop);
          follow.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT * 2;
        }}
      >
        <div className="log-content" style={{ height: total * ROW_HEIGHT }}>
          {rows}
        </div>
        {total === 0 ? <div className="muted log-empty">No output.</div> : null}
      </div>
    </section>
  );
}
