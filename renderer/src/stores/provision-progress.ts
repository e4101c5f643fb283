// What the Environments view shows of an environment being brought up or down, folded from
// the provisioning events as they arrive: phase, image layers, build output, data, services.
import type { ProvisionEvent, ProvisionPhase } from '../../../shared/run/environment-types.js';

export const PHASES: ProvisionPhase[] = ['image', 'network', 'data', 'services'];

/** Build output lines kept for the view: enough to read the failing instruction's output. */
const BUILD_LINES_KEPT = 200;

export interface LayerProgress {
  status: string;
  current: number | null;
  total: number | null;
}

export interface ProvisionProgress {
  action: 'up' | 'down';
  phase: ProvisionPhase | null;
  message: string | null;
  layers: Record<string, LayerProgress>;
  buildStep: string | null;
  buildLines: string[];
  data: Record<string, { files: number; totalFiles: number; bytes: number; done: boolean }>;
  services: Record<string, { state: string; health: string | null }>;
  /** Null while it is going on. */
  outcome: { ok: boolean; message: string | null } | null;
}

export function startedProgress(action: 'up' | 'down'): ProvisionProgress {
  return {
    action,
    phase: null,
    message: null,
    layers: {},
    buildStep: null,
    buildLines: [],
    data: {},
    services: {},
    outcome: null,
  };
}

export function applyProvisionEvent(progress: ProvisionProgress, event: ProvisionEvent): ProvisionProgress {
  switch (event.type) {
    case 'phase':
      return { ...progress, phase: event.phase, message: event.message };
    case 'layer':
      return {
        ...progress,
        layers: {
          ...progress.layers,
          [event.layer]: { status: event.status, current: event.current, total: event.total },
        },
      };
    case 'build':
      return {
        ...progress,
        buildStep: event.step,
        buildLines: [...progress.buildLines, event.line].slice(-BUILD_LINES_KEPT),
      };
    case 'data':
      return {
        ...progress,
        data: {
          ...progress.data,
          [event.source]: { files: event.files, totalFiles: event.totalFiles, bytes: event.bytes, done: event.done },
        },
      };
    case 'service':
      return {
        ...progress,
        services: { ...progress.services, [event.service]: { state: event.state, health: event.health } },
      };
    case 'finished':
      return { ...progress, action: event.action, outcome: { ok: event.ok, message: event.message } };
  }
}

/** Bytes pulled of the layers whose size is known, as a fraction; null before any is known. */
export function pullFraction(progress: ProvisionProgress): number | null {
  let current = 0;
  let total = 0;
  for (const layer of Object.values(progress.layers)) {
    if (/^(Pull complete|Already exists)$/.test(layer.status)) {
      if (layer.total) {
        current += layer.total;
        total += layer.total;
      }
      continue;
    }
    if (layer.total) {
      total += layer.total;
      current += Math.min(layer.current ?? 0, layer.total);
    }
  }
  return total > 0 ? current / total : null;
}

/** "Step 2/5 : RUN ..." as the fraction of instructions started; null outside a build. */
export function buildFraction(progress: ProvisionProgress): number | null {
  const match = progress.buildStep ? /^Step (\d+)\/(\d+)/.exec(progress.buildStep) : null;
  return match ? Number(match[1]) / Number(match[2]) : null;
}

/** Where a phase stands: done before the current one, or all done when it finished well. */
export function phaseState(
  progress: ProvisionProgress,
  phase: ProvisionPhase,
): 'done' | 'active' | 'failed' | 'waiting' {
  const current = progress.phase === null ? -1 : PHASES.indexOf(progress.phase);
  const index = PHASES.indexOf(phase);
  if (progress.outcome?.ok) return 'done';
  if (index < current) return 'done';
  if (index === current) return progress.outcome ? 'failed' : 'active';
  return 'waiting';
}
