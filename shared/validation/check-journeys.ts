// Checks of pipewright.yaml's two journeys beyond their schema: the promotion path and gate
// (check-promotion.ts) and the schedules (check-schedules.ts).
import { checkPromotion } from './check-promotion.js';
import { checkSchedules } from './check-schedules.js';
import type { WorkspaceSpec } from '../pipeline/schema.js';
import type { JourneyReport } from './report.js';

export function checkJourneys(workspace: WorkspaceSpec, report: JourneyReport): void {
  checkPromotion(workspace, report);
  checkSchedules(workspace, report);
}
