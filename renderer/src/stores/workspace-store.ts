// The workspace the studio shows: its pipelines and environments, the palette, and the
// studio-wide bits of UI state (theme, notices).
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

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  templates: StepTemplate[];
  templateProblems: Problem[];
  theme: Theme;
  notices: Notice[];
  disconnected: boolean;
}

export interface WorkspaceActions {
  setInfo(info: WorkspaceInfo): void;
  setPipelines(pipelines: WorkspaceInfo['pipelines']): void;
  setTemplates(templates: StepTemplate[], problems: Problem[]): void;
  toggleTheme(): void;
  notify(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
  setDisconnected(): void;
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
  }));
}
