// Paths a pipeline names are untrusted: a branch or a step can leave a symbolic link where a
// folder is expected, and a later write or read would follow it out of the workspace. Every
// such path is resolved here the way the operating system will resolve it (the real path of
// the part that exists, links followed, dangling ones included) and must stay inside the
// workspace's real path. Where a file is expected, FIFOs, devices and sockets are refused too:
// opening a FIFO blocks until someone writes to it, so hashing or reading one would hang.
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { errorCode } from '../../../shared/text/error-message.js';

/** A path that leads out of the workspace, or a special file where a file was expected. */
export class UnsafePathError extends Error {}

const MAX_LINKS = 40;

/** lstat, or undefined when nothing is there (a file standing where a folder is named included). */
function lstatOrNone(path: string): ReturnType<typeof lstatSync> {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if (errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Where `absolute` really is: every existing part resolved through its links, the rest appended. */
export function realLocation(absolute: string, links = 0): string {
  if (links > MAX_LINKS) throw new UnsafePathError(`${absolute}: too many levels of symbolic links`);
  try {
    return realpathSync.native(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  const realParent = realLocation(parent, links);
  const here = join(realParent, basename(absolute));
  // A dangling link: a write through it creates its target, wherever that is.
  const link = lstatOrNone(here);
  if (link?.isSymbolicLink()) return realLocation(resolve(realParent, readlinkSync(here)), links + 1);
  return here;
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/**
 * The absolute real location of a workspace-relative `path` under `root`, refused when it (or a
 * link on the way) leads out of the workspace. `what` names the path in the message, e.g.
 * "output out/model.pkl".
 */
export function containedPath(root: string, path: string, what: string): string {
  const realRoot = realLocation(resolve(root));
  if (isAbsolute(path)) throw new UnsafePathError(`${what}: an absolute path; give the path relative to the workspace`);
  const real = realLocation(resolve(root, path));
  if (!isWithin(real, realRoot)) {
    throw new UnsafePathError(
      `${what}: ${escapeDescription(root, path)}: refused (a pipeline reads and writes only inside its workspace)`,
    );
  }
  return real;
}

/** Which part of `path` leads out, and where to: the first link on the way that resolves outside. */
function escapeDescription(root: string, path: string): string {
  const realRoot = realLocation(resolve(root));
  const parts = path.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const prefix = parts.slice(0, depth).join('/');
    const info = lstatOrNone(join(root, prefix));
    if (info?.isSymbolicLink()) {
      const target = realLocation(resolve(root, prefix));
      if (!isWithin(target, realRoot))
        return `"${prefix}" is a symbolic link leading out of the workspace (to ${readlinkSync(join(root, prefix))})`;
    }
    if (parts[depth - 1] === '..' && !isWithin(realLocation(resolve(root, prefix)), realRoot))
      return 'the path leaves the workspace ("..")';
  }
  return `it resolves to ${relative(realRoot, realLocation(resolve(root, path)))}, outside the workspace`;
}

export type EntryKind = 'file' | 'folder' | 'missing' | 'fifo' | 'socket' | 'device' | 'other';

/** What is at an absolute path, following links (containedPath has already checked where they lead). */
export function entryKind(absolute: string): EntryKind {
  let info;
  try {
    info = statSync(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'other';
}

const SPECIAL_NAMES: Partial<Record<EntryKind, string>> = {
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
  device: 'a device',
  other: 'not a regular file',
};

/** Refuses a FIFO, socket or device where a file or folder is expected; the kind otherwise. */
export function expectFileOrFolder(absolute: string, what: string): 'file' | 'folder' | 'missing' {
  const kind = entryKind(absolute);
  if (kind === 'file' || kind === 'folder' || kind === 'missing') return kind;
  throw new UnsafePathError(
    `${what}: is ${SPECIAL_NAMES[kind] ?? 'not a regular file'}, not a file or folder: refused (reading it could block forever)`,
  );
}

/** containedPath, then expectFileOrFolder: the real location and what is there. */
export function containedEntry(
  root: string,
  path: string,
  what: string,
): { absolute: string; kind: 'file' | 'folder' | 'missing' } {
  const absolute = containedPath(root, path, what);
  return { absolute, kind: expectFileOrFolder(absolute, what) };
}
