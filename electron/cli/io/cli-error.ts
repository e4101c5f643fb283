// How the CLI ends: its exit codes, and the usage error every command throws for bad input
// (named flag, file and line), which run-cli.ts turns into a message and exit code 2.
import type { Problem } from '../../../shared/pipeline/problem.js';

/** Exit codes: 0 success (warnings allowed), 1 a step or error test failed, 2 usage or invalid input. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** Bad usage or invalid input: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}
