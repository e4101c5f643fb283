// The workspace the studio shows: its pipelines and environments, the palette, and the
// studio-wide bits of UI state (theme, notices, the question the studio is asking).
import { createStore } from 'zustand/vanilla';
import type { WorkspaceInfo } from '../../../shared/ipc/contract.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { StepTemplate } from '../../../shared/pipeline/step-templates.js';

export type Theme = 'light' | 'dark';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** A yes/no question in the studio's own dialog (never the browser's confirm()). */
export interface Question {
  title: string;
  message: string;
  /** The label of the button that says yes, in words of what it does ("Discard changes"). */
  confirm: string;
  /** The label of the button that says no; "Cancel" unless the no is an answer of its own. */
  cancel?: string;
  danger?: boolean;
}

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  templates: StepTemplate[];
  templateProblems: Problem[];
  theme: Theme;
  notices: Notice[];
  disconnected: boolean;
  question: (Question & { answer(yes: boolean): void }) | null;
}

export interface WorkspaceActions {
  setInfo(info: WorkspaceInfo): void;
  setPipelines(pipelines: WorkspaceInfo['pipelines']): void;
  setTemplates(templates: StepTemplate[], problems: Problem[]): void;
  toggleTheme(): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
  setDisconnected(): void;
  /** Asks a question; resolves false when cancelled. A new question cancels the one open. */
  ask(question: Question): Promise<boolean>;
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

const THEME_KEY = 'pipewright.theme';

function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** How long an info notice stays. */
export const NOTICE_MS = 6000;

export function createWorkspaceStore() {
  let nextNotice = 1;
  return createStore<WorkspaceState & WorkspaceActions>()((set, get) => ({
    info: null,
    templates: [],
    templateProblems: [],
    theme: initialTheme(),
    notices: [],
    disconnected: false,
    question: null,
    setInfo: (info) => set({ info }),
    setPipelines: (pipelines) => {
      const info = get().info;
      if (info) set({ info: { ...info, pipelines } });
    },
    setTemplates: (templates, templateProblems) => set({ templates, templateProblems }),
    toggleTheme: () => {
      const theme = get().theme === 'dark' ? 'light' : 'dark';
      globalThis.localStorage?.setItem(THEME_KEY, theme);
      set({ theme });
    },
    notify: (kind, message) => {
      const id = nextNotice++;
      set({ notices: [...get().notices, { id, kind, message }].slice(-4) });
      // Passing news goes by itself; an error stays until it is dismissed.
      if (kind !== 'error') setTimeout(() => get().dismiss(id), NOTICE_MS);
    },
    dismiss: (id) => set({ notices: get().notices.filter((notice) => notice.id !== id) }),
    setDisconnected: () => set({ disconnected: true }),
    ask: (question) =>
      new Promise<boolean>((resolve) => {
        get().question?.answer(false);
        const answer = (yes: boolean) => {
          if (get().question?.answer === answer) set({ question: null });
          resolve(yes);
        };
        set({ question: { ...question, answer } });
      }),
  }));
}
