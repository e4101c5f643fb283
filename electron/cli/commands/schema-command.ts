import { isSchemaKind, jsonSchemaFor } from '../../../shared/pipeline/json-schema.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';

/** `pipewright schema [pipeline|workspace]`: the JSON Schema editors use for autocompletion. */
export function schemaCommand(kind: string, io: CliIO): number {
  if (!isSchemaKind(kind)) throw new UsageError(`unknown schema "${kind}": choose pipeline or workspace`);
  io.stdout.write(`${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
  return EXIT.ok;
}
