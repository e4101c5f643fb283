// Checks of pipewright.yaml's two journeys beyond their schema: the promotion path and gate
// (check-promotion.ts) and the schedules (check-schedules.ts).
import { checkPromotion } from './check-promotion.js';
import { checkSchedules } from './check-schedules.js';
import type { FieldPath } from './problem.js';
import type { WorkspaceSpec } from './schema.js';

export type JourneyReport = (path: FieldPath, code: string, message: string, extra?: { hint?: string; target?: 'key' | 'value' }) => void;

export function checkJourneys(workspace: WorkspaceSpec, report: JourneyReport): void {
  checkPromotion(workspace, report);
  checkSchedules(workspace, report);
}
