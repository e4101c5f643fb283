// Status with watchers looks again only at the entries file-system events named. Random
// sequences of what people and programs do to a working tree (files written, removed, renamed,
// replaced by folders and back, links, folders moved in and out, .gitignore edits, commits by
// the git CLI) must leave it agreeing with git's own status after every step.
import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPorcelain, gitCli, porcelain, tempRepository } from '../../testing/git-cli.js';
import { GitRepository } from './git-repository.js';

const PATHS = ['a.txt', 'b.txt', 'd', 'd/x.txt', 'd/y.log', 'd/e', 'd/e/z.txt', 'n', 'n/w.txt'];
const IGNORES = ['', '*.log\n', 'd/e/\n', 'n\n', '*.txt\n!a.txt\n'];

type Change =
  | { kind: 'write'; path: string; content: string }
  | { kind: 'remove'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'link'; path: string; target: 'outside' | 'nowhere' }
  | { kind: 'executable'; path: string }
  | { kind: 'move-out-and-back'; path: string }
  | { kind: 'ignore'; rules: string }
  | { kind: 'commit' };

const path = fc.constantFrom(...PATHS);
const change: fc.Arbitrary<Change> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('write' as const), path, content: fc.constantFrom('1\n', '2\n', '') }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), path }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('folder' as const), path }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('rename' as const), from: path, to: path }), weight: 2 },
  {
    // Links lead out of the tree or nowhere: one into the tree can come to loop through itself
    // after renames (ELOOP), and git then reports neither the files behind it nor their loss.
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      path,
      target: fc.constantFrom('outside' as const, 'nowhere' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('executable' as const), path }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('move-out-and-back' as const), path }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('ignore' as const), rules: fc.constantFrom(...IGNORES) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('commit' as const) }), weight: 2 },
);

/** Does the change as a shell would; one that cannot be done there (a file's parent is a file) is skipped. */
function apply(root: string, step: Change, outside: string): void {
  const at = (relative: string) => join(root, relative);
  try {
    switch (step.kind) {
      case 'write':
        mkdirSync(dirname(at(step.path)), { recursive: true });
        writeFileSync(at(step.path), step.content);
        return;
      case 'remove':
        rmSync(at(step.path), { recursive: true, force: true });
        return;
      case 'folder':
        rmSync(at(step.path), { recursive: true, force: true });
        mkdirSync(at(step.path), { recursive: true });
        writeFileSync(join(at(step.path), 'inside.txt'), 'in\n');
        return;
      case 'rename':
        renameSync(at(step.from), at(step.to));
        return;
      case 'link':
        rmSync(at(step.path), { recursive: true, force: true });
        symlinkSync(step.target === 'outside' ? outside : 'missing-target', at(step.path));
        return;
      case 'executable':
        chmodSync(at(step.path), 0o755);
        return;
      case 'move-out-and-back': {
        // A folder (or file) leaves the working tree and comes back under the same name.
        const away = join(outside, 'away');
        renameSync(at(step.path), away);
        renameSync(away, at(step.path));
        return;
      }
      case 'ignore':
        writeFileSync(at('.gitignore'), step.rules);
        return;
      case 'commit':
        gitCli(root, 'add', '-A');
        gitCli(root, 'commit', '-q', '--allow-empty', '-m', 'step');
    }
  } catch (error) {
    if (!(error instanceof Error) || !/ENOENT|ENOTDIR|EISDIR|EEXIST|ENOTEMPTY|EINVAL/.test(error.message)) throw error;
  }
}

/** git's status, with a type change (a file become a link) read as Pipewright names it: modified. */
const gitStatus = (root: string) =>
  porcelain(root)
    .map((line) => line.replace(/^(.)T/, '$1M').replace(/^T/, 'M'))
    .sort();

describe('status from watched folders', () => {
  it('agrees with git after every change named by the watchers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 5, maxLength: 25 }), async (changes) => {
        const workspace = tempRepository({ 'a.txt': 'a\n', 'd/x.txt': 'x\n', 'd/e/z.txt': 'z\n' });
        const outside = join(tmpdir(), `pipewright-outside-${String(process.pid)}-${String(Date.now())}`);
        mkdirSync(outside);
        const repository = GitRepository.open(workspace.root, { watch: true }) as GitRepository;
        try {
          expect(asPorcelain((await repository.status()).files)).toEqual(gitStatus(workspace.root));
          for (const step of changes) {
            apply(workspace.root, step, outside);
            expect([step, asPorcelain((await repository.status()).files)]).toEqual([step, gitStatus(workspace.root)]);
          }
        } finally {
          repository.release();
          workspace.remove();
          rmSync(outside, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
