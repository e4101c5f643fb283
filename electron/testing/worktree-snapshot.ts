// A working tree as a test compares it: every file outside .git and .pipewright with its content
// hash, git's view of it (status with untracked files), the index's bytes and HEAD.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gitCli, porcelain } from './git-cli.js';

const hash = (content: Buffer) => createHash('sha256').update(content).digest('hex');

function files(root: string, dir = ''): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of readdirSync(join(root, dir))) {
    const path = dir ? `${dir}/${name}` : name;
    if (path === '.git' || path === '.pipewright') continue;
    if (statSync(join(root, path)).isDirectory()) Object.assign(found, files(root, path));
    else found[path] = hash(readFileSync(join(root, path)));
  }
  return found;
}

export interface WorktreeSnapshot {
  files: Record<string, string>;
  status: string[];
  index: string;
  head: string;
}

export function worktreeSnapshot(root: string): WorktreeSnapshot {
  return {
    files: files(root),
    status: porcelain(root),
    index: hash(readFileSync(join(root, '.git', 'index'))),
    head: gitCli(root, 'symbolic-ref', '-q', 'HEAD').trim(),
  };
}
