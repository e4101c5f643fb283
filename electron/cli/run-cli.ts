// Runs the `pipewright` command line in this process and returns its exit code. The binary's
// entry point is a thin wrapper around this, so tests can drive the CLI without spawning it.
import { CommanderError } from 'commander';
import { EXIT, UsageError } from './io/cli-error.js';
import type { CliIO } from './io/cli-io.js';
import { formatProblems } from './output/problems-output.js';
import { stylerFor } from './output/terminal-style.js';
import { buildProgram } from './program.js';
import { pipewrightVersion } from '../services/resources.js';

/** Every failure becomes a message and an exit code; a stack trace only for Pipewright's own bugs. */
export async function runPipewright(args: readonly string[], io: Omit<CliIO, 'workspace'>): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, pipewrightVersion(), (code) => {
    exitCode = code;
  });
  const style = stylerFor(io.stderr);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      if (error.problems.length > 0) io.stderr.write(`${formatProblems(error.problems, style)}\n`);
      io.stderr.write(`${style('red', 'error:')} ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(
      `${style('red', 'internal error:')} ${(error instanceof Error ? error.stack : undefined) ?? String(error)}\n`,
    );
    return EXIT.failed;
  }
}
