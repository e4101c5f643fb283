// A step's output coming back from its container as a tar stream (Docker's archive API) is
// untrusted: the step chose every name, type and link in it. It is unpacked beside its place
// in the workspace, entry by entry without ever following a link (a link unpacked earlier must
// not carry a later entry out), and moved into place only once all of it was accepted: an entry
// with "..", a link leading out of the workspace, a hard link or a device leaves the workspace
// as it was.
import { createWriteStream, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import type { Header } from 'tar-stream';
import { isSameOrInside } from '../../../shared/pipeline/workspace-paths.js';
import { containedPath, realLocation } from '../files/contained-path.js';

export class OutputRefusedError extends Error {}

/** The parts of an entry's name, refused when it is absolute, climbs with "..", or is not under `top`. */
function entryParts(output: string, name: string, top: string): string[] {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (name.startsWith('/') || parts.includes('..'))
    throw new OutputRefusedError(`output ${output}: the entry "${name}" leaves its folder: refused`);
  if (parts[0] !== top)
    throw new OutputRefusedError(`output ${output}: the entry "${name}" is not part of it: refused`);
  return parts;
}

/** Every folder on the way to an entry must be a real folder made by this unpacking, never a link. */
function requireRealFolders(staging: string, parts: readonly string[], output: string): void {
  let path = staging;
  for (const part of parts.slice(0, -1)) {
    path = join(path, part);
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (info === undefined) mkdirSync(path);
    else if (!info.isDirectory())
      throw new OutputRefusedError(
        `output ${output}: ${parts.join('/')} goes through ${info.isSymbolicLink() ? 'a link' : 'a file'}: refused`,
      );
  }
}

function entryKind(header: Header): string {
  return header.type ?? 'file';
}

/**
 * Unpacks the archive of workspace path `output` into the workspace at `root`; `onFile` hears
 * of each file's bytes. The previous content of the output is replaced whole.
 */
export async function unpackOutput(
  archive: NodeJS.ReadableStream,
  root: string,
  output: string,
  onFile: (bytes: number) => void,
): Promise<void> {
  const destination = containedPath(root, output, `output ${output}`);
  const realRoot = realLocation(resolve(root));
  // The archive is named after the path in the container, whatever a link here makes of it.
  const top = basename(output.replace(/\/+$/, ''));
  mkdirSync(dirname(destination), { recursive: true });
  const staging = mkdtempSync(join(dirname(destination), `.${top}.pipewright-copy-`));
  try {
    const unpacking = extract();
    unpacking.on('entry', (header, stream, next) => {
      const accept = async () => {
        const parts = entryParts(output, header.name, top);
        requireRealFolders(staging, parts, output);
        const target = join(staging, ...parts);
        const kind = entryKind(header);
        if (kind === 'directory') {
          const info = lstatSync(target, { throwIfNoEntry: false });
          if (info === undefined) mkdirSync(target, { mode: 0o755 });
          else if (!info.isDirectory())
            throw new OutputRefusedError(
              `output ${output}: ${header.name} is both a folder and something else: refused`,
            );
          stream.resume();
        } else if (kind === 'file' || kind === 'contiguous-file') {
          // wx: never through something already there (a link unpacked before it included).
          await pipeline(stream, createWriteStream(target, { flags: 'wx', mode: (header.mode ?? 0o644) & 0o755 }));
          onFile(header.size ?? 0);
        } else if (kind === 'symlink') {
          const link = header.linkname ?? '';
          const lands = resolve(dirname(join(destination, ...parts.slice(1))), link);
          if (isAbsolute(link) || !isSameOrInside(realLocation(lands), realRoot)) {
            throw new OutputRefusedError(
              `output ${output}: ${header.name} is a link leading out of the workspace (to ${link}): refused`,
            );
          }
          symlinkSync(link, target);
          stream.resume();
        } else {
          throw new OutputRefusedError(
            `output ${output}: ${header.name} is a ${kind === 'link' ? 'hard link' : kind}: refused (outputs hold files, folders and links inside the workspace)`,
          );
        }
      };
      accept().then(
        () => next(),
        (error: unknown) => {
          stream.resume();
          next(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    await pipeline(archive, unpacking);
    const unpacked = join(staging, top);
    if (lstatSync(unpacked, { throwIfNoEntry: false }) === undefined) return;
    if (lstatSync(destination, { throwIfNoEntry: false }) !== undefined)
      renameSync(destination, join(staging, '.previous'));
    renameSync(unpacked, destination);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
