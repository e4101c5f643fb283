// A crafted branch, written by someone else, trying for real to write outside the repository
// or into .git: trees holding .git, .. or a name with a separator, a link followed by a file
// through it, a file through a link already in the working tree. Switch and merge refuse each
// with a message naming the path, and the folder outside is listed before and after to prove
// nothing was written there. (Pipelines that try the same are in
// electron/cli/hostile-workspace.integration.test.ts.)
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitCli, porcelain, tempRepository } from '../../testing/git-cli.js';
import { craftBranch, guardOutside, hooksOf } from '../../testing/hostile-workspace.js';
import type { CraftedEntry } from '../../testing/hostile-workspace.js';
import { pipelineYaml } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { GitRepository } from './git-repository.js';

let workspace: TempWorkspace;
const outside = guardOutside(() => workspace?.remove());

describe('a crafted branch cannot write outside the repository or into .git', () => {
  let repository: GitRepository;
  afterEach(() => repository?.release());

  function openRepository(): { hooks: Record<string, string>; head: string } {
    workspace = tempRepository({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  s:\n    run: "true"\n') });
    repository = GitRepository.open(workspace.root, { watch: true }) as GitRepository;
    return { hooks: hooksOf(workspace.root), head: gitCli(workspace.root, 'rev-parse', 'HEAD').trim() };
  }

  /** Switching to and merging `branch` are both refused, and nothing changed anywhere. */
  async function refusedBoth(
    branch: string,
    message: string | RegExp,
    was: { hooks: Record<string, string>; head: string },
  ): Promise<void> {
    await expect(repository.switchBranch(branch, { carry: false })).rejects.toMatchObject({
      code: 'unsafe-path',
      message: expect.stringMatching(message) as unknown,
    });
    await expect(repository.merge(branch, { carry: false })).rejects.toMatchObject({
      code: 'unsafe-path',
      message: expect.stringMatching(message) as unknown,
    });
    expect((await repository.status()).merge).toBeNull();
    expect((await repository.status()).branch).toBe('main');
    expect(gitCli(workspace.root, 'rev-parse', 'HEAD').trim()).toBe(was.head);
    expect(porcelain(workspace.root)).toEqual([]);
    expect(hooksOf(workspace.root)).toEqual(was.hooks);
    outside.untouched();
  }

  it.each([
    [
      '.git/hooks/post-checkout',
      [
        {
          name: '.git',
          folder: [{ name: 'hooks', folder: [{ name: 'post-checkout', file: '#!/bin/sh\necho pwned\n' }] }],
        },
      ],
      /holds an entry named "\.git", which git never writes/,
    ],
    [
      '.GIT/config in another case',
      [{ name: '.GIT', folder: [{ name: 'config', file: '[core]\n\thooksPath = /tmp\n' }] }],
      /holds an entry named "\.GIT"/,
    ],
    [
      '.git spelt for HFS+',
      [{ name: '.g\u200cit', folder: [{ name: 'config', file: '[core]\n' }] }],
      /holds an entry named "\.g\u200cit"/,
    ],
    [
      'a folder named ..',
      [{ name: '..', folder: [{ name: 'pw-escaped.txt', file: 'pwned\n' }] }],
      /holds an entry named "\.\."/,
    ],
    [
      'a backslash in a name',
      [{ name: '..\\pw-escaped.txt', file: 'pwned\n' }],
      /holds an entry named "\.\.\\pw-escaped\.txt"/,
    ],
  ] as Array<[string, CraftedEntry[], RegExp]>)('a tree holding %s', async (_name, entries, message) => {
    const was = openRepository();
    craftBranch(workspace.root, 'evil', 'main', entries);
    await refusedBoth('evil', message, was);
    expect(existsSync(join(dirname(workspace.root), 'pw-escaped.txt'))).toBe(false);
  });

  it('a link and then a file through it, in one tree: to an outside folder, or into .git/hooks', async () => {
    const was = openRepository();
    craftBranch(workspace.root, 'out', 'main', [
      { name: 'a', link: outside.dir },
      { name: 'a', folder: [{ name: 'pwned.txt', file: 'pwned\n' }] },
    ]);
    await refusedBoth('out', /holds two entries named "a"/, was);
    craftBranch(workspace.root, 'hooks', 'main', [
      { name: 'h', link: '.git/hooks' },
      { name: 'h', folder: [{ name: 'post-checkout', file: '#!/bin/sh\necho pwned\n' }] },
    ]);
    await refusedBoth('hooks', /holds two entries named "h"/, was);
  });

  it('a file through a link already in the working tree: switch and merge refuse, nothing written through it', async () => {
    workspace = tempRepository({ 'pipelines/p.pipeline.yaml': pipelineYaml('p', '  s:\n    run: "true"\n') });
    const first = gitCli(workspace.root, 'rev-parse', 'HEAD').trim();
    symlinkSync(outside.dir, workspace.path('a'));
    symlinkSync('.git/hooks', workspace.path('h'));
    gitCli(workspace.root, 'add', 'a', 'h');
    gitCli(workspace.root, 'commit', '-q', '-m', 'links');
    repository = GitRepository.open(workspace.root, { watch: true }) as GitRepository;
    const was = { hooks: hooksOf(workspace.root), head: gitCli(workspace.root, 'rev-parse', 'HEAD').trim() };
    craftBranch(workspace.root, 'through', first, [
      { name: 'a', folder: [{ name: 'pwned.txt', file: 'pwned\n' }] },
      { name: 'h', folder: [{ name: 'post-checkout', file: '#!/bin/sh\necho pwned\n' }] },
    ]);
    // The merge keeps our links and would add a/pwned.txt and h/post-checkout below them.
    await expect(repository.merge('through', { carry: false })).rejects.toMatchObject({
      code: 'unsafe-path',
      message: expect.stringMatching(/would be written through "[ah]", a symbolic link in the working tree/) as unknown,
    });
    expect((await repository.status()).merge).toBeNull();
    expect(porcelain(workspace.root)).toEqual([]);
    expect(hooksOf(workspace.root)).toEqual(was.hooks);
    outside.untouched();
    // A switch replaces the links by folders first: legitimate, and nothing lands outside.
    await repository.switchBranch('through', { carry: false });
    expect(readFileSync(workspace.path('a/pwned.txt'), 'utf8')).toBe('pwned\n');
    expect(hooksOf(workspace.root)).toEqual(was.hooks);
    outside.untouched();
  });
});
