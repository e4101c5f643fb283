// Claims and pauses of schedules, in the run-state database beside the runs. A claim is the
// row (schedule, occurrence): the primary key lets exactly one scheduler insert it, so two
// schedulers on one workspace (two processes) never decide the same occurrence twice. A claim
// records its process, so a claim whose process died before its run started can be taken over.
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import type { OccurrenceOutcome } from '../../../shared/journeys/journey-types.js';
import type { RunStatus } from '../../../shared/run/run-types.js';
import { currentProcessIdentity, isProcessRunning } from '../process/process-identity.js';
import type { ProcessIdentity } from '../process/process-identity.js';
import { yielding } from '../store/typed-rows.js';

export interface OccurrenceClaim {
  schedule: string;
  occurrence: number;
  claimedAt: number;
  claimedBy: string;
  runId: string | null;
  outcome: OccurrenceOutcome;
  /** The status of the claim's run, when it has one. */
  runStatus: RunStatus | null;
  /** Why an occurrence did not start (failed-to-start). */
  message: string | null;
}

export interface LiveRunRow {
  id: string;
  ownerPid: number | null;
  ownerStarted: string | null;
}

/** A started claim without its run. */
export interface StartingClaim {
  occurrence: number;
  claimedBy: string;
  host: string | null;
  pid: number | null;
  started: string | null;
}

const CLAIM_COLUMNS = `c.schedule AS schedule, c.occurrence AS occurrence, c.claimed_at AS claimedAt, c.claimed_by AS claimedBy,
  c.run_id AS runId, c.outcome AS outcome, c.message AS message, r.status AS runStatus`;

export class ScheduleStore {
  private readonly statements: {
    claim: Database.Statement;
    setRun: Database.Statement;
    setOutcome: Database.Statement;
    lastOccurrence: Database.Statement;
    lastClaim: Database.Statement;
    claims: Database.Statement;
    pause: Database.Statement;
    resume: Database.Statement;
    paused: Database.Statement;
    runningRuns: Database.Statement;
    startingClaims: Database.Statement;
    recentRunIds: Database.Statement;
    claimsWithoutRun: Database.Statement;
    takeOver: Database.Statement;
  };

  /** `claimer`: the process that claims (this one); tests name another. */
  constructor(
    private readonly db: Database.Database,
    private readonly claimer: ProcessIdentity & { host: string } = { ...currentProcessIdentity(), host: hostname() },
  ) {
    this.statements = {
      claim:
        db.prepare(`INSERT INTO schedule_claims (schedule, occurrence, claimed_at, claimed_by, outcome, claimer_host, claimer_pid, claimer_started)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule, occurrence) DO NOTHING`),
      setRun: db.prepare(`UPDATE schedule_claims SET run_id = ? WHERE schedule = ? AND occurrence = ?`),
      setOutcome: db.prepare(
        `UPDATE schedule_claims SET outcome = ?, message = ? WHERE schedule = ? AND occurrence = ?`,
      ),
      lastOccurrence: db.prepare(`SELECT MAX(occurrence) AS occurrence FROM schedule_claims WHERE schedule = ?`),
      lastClaim: db.prepare(`SELECT ${CLAIM_COLUMNS} FROM schedule_claims c LEFT JOIN runs r ON r.id = c.run_id
        WHERE c.schedule = ? ORDER BY c.occurrence DESC LIMIT 1`),
      claims: db.prepare(`SELECT ${CLAIM_COLUMNS} FROM schedule_claims c LEFT JOIN runs r ON r.id = c.run_id
        WHERE c.schedule = ? ORDER BY c.occurrence DESC LIMIT ?`),
      pause: db.prepare(
        `INSERT INTO schedule_pauses (schedule, paused_at) VALUES (?, ?) ON CONFLICT (schedule) DO NOTHING`,
      ),
      resume: db.prepare(`DELETE FROM schedule_pauses WHERE schedule = ?`),
      paused: db.prepare(`SELECT 1 FROM schedule_pauses WHERE schedule = ?`),
      runningRuns: db.prepare(`SELECT id, owner_pid AS ownerPid, owner_started AS ownerStarted FROM runs
        WHERE trigger = 'schedule' AND trigger_name = ? AND status = 'running'`),
      startingClaims:
        db.prepare(`SELECT 1 FROM schedule_claims WHERE schedule = ? AND outcome = 'started' AND run_id IS NULL
        AND claimed_by <> ? AND claimed_at >= ? LIMIT 1`),
      claimsWithoutRun:
        db.prepare(`SELECT occurrence, claimed_by AS claimedBy, claimer_host AS host, claimer_pid AS pid, claimer_started AS started
        FROM schedule_claims WHERE schedule = ? AND outcome = 'started' AND run_id IS NULL`),
      takeOver:
        db.prepare(`UPDATE schedule_claims SET claimed_by = ?, claimed_at = ?, claimer_host = ?, claimer_pid = ?, claimer_started = ?
        WHERE schedule = ? AND occurrence = ? AND claimed_by = ? AND outcome = 'started' AND run_id IS NULL`),
      recentRunIds: db.prepare(
        `SELECT id FROM runs WHERE trigger = 'schedule' AND trigger_name = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
      ),
    };
  }

  /** Claims an occurrence with what becomes of it; false when a scheduler claimed it before. */
  claim(schedule: string, occurrence: number, owner: string, outcome: OccurrenceOutcome, claimedAt: number): boolean {
    const { host, pid, started } = this.claimer;
    return this.statements.claim.run(schedule, occurrence, claimedAt, owner, outcome, host, pid, started).changes === 1;
  }

  /**
   * Started claims whose process died before recording the run (on this host, where its pid can
   * be checked): their occurrence never ran. Claims of older versions, without a process, are left.
   */
  orphanedStarts(schedule: string): StartingClaim[] {
    const claims = yielding<StartingClaim>(this.statements.claimsWithoutRun).all(schedule);
    return claims.filter(
      (claim) =>
        claim.host === this.claimer.host &&
        claim.pid !== null &&
        !isProcessRunning({ pid: claim.pid, started: claim.started }),
    );
  }

  /** Makes an orphaned start claim this process's; false when another scheduler took it first. */
  takeOver(schedule: string, claim: StartingClaim, owner: string, at: number): boolean {
    const { host, pid, started } = this.claimer;
    return (
      this.statements.takeOver.run(owner, at, host, pid, started, schedule, claim.occurrence, claim.claimedBy)
        .changes === 1
    );
  }

  /** Claims several occurrences with one outcome in one transaction; the ones this call claimed. */
  claimAll(
    schedule: string,
    occurrences: readonly number[],
    owner: string,
    outcome: OccurrenceOutcome,
    claimedAt: number,
  ): number[] {
    return this.db.transaction(() =>
      occurrences.filter((occurrence) => this.claim(schedule, occurrence, owner, outcome, claimedAt)),
    )();
  }

  /** The run a started occurrence became. */
  setRun(schedule: string, occurrence: number, runId: string): void {
    this.statements.setRun.run(runId, schedule, occurrence);
  }

  setOutcome(schedule: string, occurrence: number, outcome: OccurrenceOutcome, message: string | null = null): void {
    this.statements.setOutcome.run(outcome, message, schedule, occurrence);
  }

  /** The latest occurrence any scheduler claimed: every one up to it is decided. */
  lastOccurrence(schedule: string): number | null {
    return yielding<{ occurrence: number | null }>(this.statements.lastOccurrence).get(schedule)?.occurrence ?? null;
  }

  lastClaim(schedule: string): OccurrenceClaim | null {
    return yielding<OccurrenceClaim>(this.statements.lastClaim).get(schedule) ?? null;
  }

  /** The latest claims, newest first. */
  claims(schedule: string, limit: number): OccurrenceClaim[] {
    return yielding<OccurrenceClaim>(this.statements.claims).all(schedule, limit);
  }

  setPaused(schedule: string, paused: boolean, at: number): void {
    if (paused) this.statements.pause.run(schedule, at);
    else this.statements.resume.run(schedule);
  }

  isPaused(schedule: string): boolean {
    return this.statements.paused.get(schedule) !== undefined;
  }

  /** Runs of the schedule recorded as running (their process may have died since). */
  runningRuns(schedule: string): LiveRunRow[] {
    return yielding<LiveRunRow>(this.statements.runningRuns).all(schedule);
  }

  /** Whether another scheduler claimed an occurrence to start since `since` and has not recorded its run yet. */
  startingElsewhere(schedule: string, owner: string, since: number): boolean {
    return this.statements.startingClaims.get(schedule, owner, since) !== undefined;
  }

  /** Ids of the schedule's latest runs, newest first. */
  recentRunIds(schedule: string, limit: number): string[] {
    return yielding<{ id: string }>(this.statements.recentRunIds)
      .all(schedule, limit)
      .map((row) => row.id);
  }
}
