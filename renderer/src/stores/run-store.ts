// The run shown on the canvas — a live one as its events arrive, or a past one opened from
// history — with each step's log. Logs can reach hundreds of thousands of lines, so they live
// in append-only buffers outside the immutable state; a version number tells views to redraw.
import { createStore } from 'zustand/vanilla';
import { attemptHeader, headerAttempt } from '../../../shared/run/attempt-log.js';
import type { RunEvent, RunListItem, RunSummary, StepRunSummary } from '../../../shared/run/run-types.js';
import type { HistoryPages } from './history-pages.js';

export interface LogBuffer {
  lines: string[];
  /** Text after the last line break, not yet a whole line. */
  partial: string;
}

export interface RunViewState {
  run: RunSummary | null;
  live: boolean;
  history: RunListItem[];
  /** Every run of the pipeline is in `history`: no older page to load. */
  historyComplete: boolean;
  /** The step whose log drawer is open. */
  logStep: string | null;
  logVersion: number;
  /** The replay this window started last: its run, the step, whose inputs, and the folder of its files. */
  replay: ReplayShown | null;
}

export interface ReplayShown {
  runId: string;
  step: string;
  inputsFrom: string;
  folder: string;
}

export interface RunViewActions {
  handle(event: RunEvent, pipeline: string | null): void;
  expect(runId: string): void;
  show(run: RunSummary): void;
  clear(): void;
  setHistory(pages: HistoryPages): void;
  openLog(stepId: string | null): void;
  setReplay(replay: ReplayShown): void;
  log(stepId: string): LogBuffer;
  setLog(stepId: string, text: string): void;
}

export type RunViewStore = ReturnType<typeof createRunViewStore>;

function appendText(buffer: LogBuffer, text: string): void {
  const parts = (buffer.partial + text).split('\n');
  buffer.partial = parts.pop() ?? '';
  for (const line of parts) buffer.lines.push(line);
}

export function logLines(buffer: LogBuffer): number {
  return buffer.lines.length + (buffer.partial ? 1 : 0);
}

export function logLine(buffer: LogBuffer, index: number): string {
  return buffer.lines[index] ?? buffer.partial;
}

/**
 * A live log moves to another attempt: its lines go under a header of their own, and the first
 * attempt's lines get theirs once a second one begins (a step that runs once needs none).
 */
function markAttempt(buffer: LogBuffer, seen: number | undefined, attempt: number): void {
  if (seen === attempt || (seen === undefined && attempt === 1)) return;
  if (seen !== undefined && headerAttempt(buffer.lines[0] ?? '') === null) buffer.lines.unshift(attemptHeader(seen));
  if (buffer.partial) {
    buffer.lines.push(buffer.partial);
    buffer.partial = '';
  }
  buffer.lines.push(attemptHeader(attempt));
}

export function createRunViewStore() {
  const logs = new Map<string, LogBuffer>();
  /** The attempt each step's live log is at. */
  const attempts = new Map<string, number>();
  let expected: string | null = null;

  return createStore<RunViewState & RunViewActions>()((set, get) => {
    const bump = () => set({ logVersion: get().logVersion + 1 });
    const updateStep = (step: StepRunSummary) => {
      const run = get().run;
      if (!run) return;
      set({ run: { ...run, steps: run.steps.map((existing) => (existing.id === step.id ? step : existing)) } });
    };

    return {
      run: null,
      live: false,
      history: [],
      historyComplete: true,
      logStep: null,
      logVersion: 0,
      replay: null,
      handle: (event, pipeline) => {
        const current = get().run;
        switch (event.type) {
          case 'run-started': {
            // A run this window started, or another window's run of the pipeline shown here.
            const ours =
              event.run.id === expected || (pipeline !== null && event.run.pipeline === pipeline && !get().live);
            if (!ours) return;
            logs.clear();
            attempts.clear();
            set({ run: event.run, live: true });
            bump();
            return;
          }
          case 'step-status':
            if (current?.id === event.runId) updateStep(event.step);
            return;
          case 'step-log':
            if (current?.id !== event.runId) return;
            markAttempt(get().log(event.stepId), attempts.get(event.stepId), event.attempt);
            attempts.set(event.stepId, event.attempt);
            appendText(get().log(event.stepId), event.text);
            bump();
            return;
          case 'test-result': {
            // Input tests run before the step starts: show each result as it comes.
            const step =
              current?.id === event.runId
                ? current.steps.find((candidate) => candidate.id === event.stepId)
                : undefined;
            if (!step) return;
            const tests = [...step.tests.filter((test) => test.index !== event.result.index), event.result].sort(
              (a, b) => a.index - b.index,
            );
            updateStep({ ...step, tests });
            return;
          }
          case 'run-finished':
            if (current?.id === event.run.id) set({ run: event.run, live: false });
            return;
        }
      },
      expect: (runId) => {
        expected = runId;
      },
      show: (run) => {
        logs.clear();
        attempts.clear();
        set({ run, live: false, logStep: null });
        bump();
      },
      clear: () => {
        logs.clear();
        attempts.clear();
        expected = null;
        set({ run: null, live: false, logStep: null });
      },
      setHistory: ({ runs, complete }) => set({ history: runs, historyComplete: complete }),
      openLog: (stepId) => set({ logStep: stepId }),
      setReplay: (replay) => set({ replay }),
      log: (stepId) => {
        let buffer = logs.get(stepId);
        if (!buffer) {
          buffer = { lines: [], partial: '' };
          logs.set(stepId, buffer);
        }
        return buffer;
      },
      setLog: (stepId, text) => {
        const buffer: LogBuffer = { lines: [], partial: '' };
        appendText(buffer, text);
        logs.set(stepId, buffer);
        bump();
      },
    };
  });
}
