// `pipewright serve [WORKSPACE]`: the studio in a browser, on 127.0.0.1 with a token.
import { resolve } from 'node:path';
import { StudioBackend } from '../../services/studio/studio-backend.js';
import { WorkspaceError } from '../../services/workspace/workspace.js';
import { rendererDir } from '../../web-host/static-files.js';
import { startWebHost } from '../../web-host/web-host.js';
import { EXIT, UsageError } from '../io/cli-error.js';
import type { CliIO } from '../io/cli-io.js';
import { stylerFor } from '../output/terminal-style.js';
import { errorCode, errorMessage } from '../../../shared/text/error-message.js';

export async function serveCommand(
  workspace: string | undefined,
  options: { port?: number },
  io: CliIO,
): Promise<number> {
  const backend = new StudioBackend({ canOpenWorkspaces: false });
  try {
    await backend.open(resolve(io.cwd, workspace ?? io.workspace ?? '.'));
  } catch (error) {
    if (error instanceof WorkspaceError) throw new UsageError(error.message);
    throw error;
  }
  let host;
  try {
    host = await startWebHost({
      backend,
      staticDir: rendererDir(),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (error) {
    await backend.close();
    const code = errorCode(error);
    throw new UsageError(
      code === 'EADDRINUSE'
        ? `port ${String(options.port)} is in use: pick another with --port, or omit it`
        : errorMessage(error),
    );
  }
  const style = stylerFor(io.stdout);
  io.stdout.write(
    `${style('green', '✓')} Pipewright studio for ${backend.info().root}\n  open ${style('bold', host.url)}\n  (only this machine can connect; the token in the URL is the key; Ctrl-C stops)\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, stop);
      done();
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  });
  io.stdout.write('stopping: cancelling runs in progress…\n');
  await host.close();
  await backend.close();
  return EXIT.ok;
}
