// The node end of the contract: checks the channel, validates the request against its schema,
// calls the handler, and wraps whatever happens in a Result. Electron IPC and the web host's
// WebSocket both go through here, so both refuse the same bad requests the same way.
import type { z } from 'zod';
import { CHANNELS, isChannel } from '../../../shared/ipc/contract.js';
import { REQUEST_SCHEMAS } from '../../../shared/ipc/request-schemas.js';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import { ContractError, fail, ok } from '../../../shared/ipc/envelope.js';
import type { Result } from '../../../shared/ipc/envelope.js';
import { formatFieldPath } from '../../../shared/pipeline/problem.js';
import { RunRequestError } from '../engine/run-plan.js';
import { WorkspaceError } from '../workspace/workspace.js';
import { errorMessage } from '../../../shared/text/error-message.js';

export type ContractHandlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${formatFieldPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')) || 'request'}: ${issue.message}`,
    )
    .join('; ');
}

export async function dispatch(
  handlers: ContractHandlers,
  channel: unknown,
  request: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel))
    return fail(
      'unknown-channel',
      `unknown channel ${JSON.stringify(channel)}; known: ${Object.values(CHANNELS).join(', ')}`,
    );
  const parsed = REQUEST_SCHEMAS[channel].safeParse(request);
  if (!parsed.success) return fail('invalid-request', `${channel}: ${describeIssues(parsed.error.issues)}`);
  try {
    // cast: the handler of `channel` takes that channel's request, which REQUEST_SCHEMAS[channel] just
    // parsed; TypeScript cannot tie the two together through the union of every channel
    const handler = handlers[channel] as (request: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof ContractError) return fail(error.code, error.message, error.problems);
    if (error instanceof RunRequestError) return fail('invalid-request', error.message, error.problems);
    if (error instanceof WorkspaceError) return fail('not-found', error.message);
    return fail('internal', `${channel} failed: ${errorMessage(error)}`);
  }
}
