// kill -9 of `pipewright promote` at random moments (a seeded random delay up to a promotion's
// own duration): never a half merge, a changed working tree or a broken repository, and after
// the next start (`pipewright releases` recovers) either nothing happened or the whole
// promotion did — production at a two-parent merge of the experiment with release-N on it,
// never a tag without its merge.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../testing/cli-process.js';
import { fsckProblems, gitCli, tempRepository } from '../testing/git-cli.js';
import { pipelineYaml } from '../testing/temp-workspace.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { worktreeSnapshot } from '../testing/worktree-snapshot.js';

const KILLS = 22;

let workspace: TempWorkspace;
afterEach(() => workspace?.remove());

const git = (...args: string[]) => gitCli(workspace.root, ...args).trim();

/** mulberry32: the same delays on every run of the test. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lock files a dead process could leave in .git (index.lock, refs/heads/main.lock...). */
function gitLocks(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'objects' ? [] : gitLocks(path);
    return entry.name.endsWith('.lock') ? [path] : [];
  });
}

function tags(): string[] {
  return git('tag', '--list', 'release-*').split('\n').filter(Boolean);
}

describe('pipewright promote killed at random moments', () => {
  it(`leaves no half merge, no dangling tag and the working tree as it was (${KILLS} kills)`, async () => {
    workspace = tempRepository({
      '.gitignore': '.pipewright/\nout/\n',
      'pipewright.yaml':
        'version: 1\nenvironments:\n  test: {}\n  prod: {}\npromotion:\n  path: [test, prod]\n  gate:\n    alerts: any\n',
      'pipelines/tiny.pipeline.yaml': pipelineYaml(
        'tiny',
        `  make:
    run: mkdir -p out && cp steps/value.txt out/value.txt
    inputs: [steps/value.txt]
    outputs: [out/value.txt]
    tests:
      - name: value written
        command: test -s out/value.txt
`,
      ),
      'steps/value.txt': 'v0\n',
    });
    git('checkout', '-q', '-b', 'exp');
    workspace.write('notes.txt', 'work in progress, never committed\n');

    // A promotion left alone, to learn how long one takes here.
    workspace.write('steps/value.txt', 'warm-up\n');
    git('commit', '-q', '-m', 'warm-up', '--', 'steps/value.txt');
    const started = Date.now();
    const warmUp = await runCli(['promote', 'exp'], workspace.root);
    expect(warmUp.code, warmUp.stderr + warmUp.stdout).toBe(0);
    const typical = Date.now() - started;

    const random = seededRandom(10);
    for (let attempt = 1; attempt <= KILLS; attempt += 1) {
      workspace.write('steps/value.txt', `v${attempt}\n`);
      git('commit', '-q', '-m', `attempt ${attempt}`, '--', 'steps/value.txt');
      const candidate = git('rev-parse', 'exp');
      const main = git('rev-parse', 'main');
      const tagsBefore = tags();
      const before = worktreeSnapshot(workspace.root);

      const promotion = startCli(['promote', 'exp'], workspace.root);
      const delay = Math.floor(random() * typical);
      await new Promise((resolve) => setTimeout(resolve, delay));
      promotion.child.kill('SIGKILL');
      await promotion.result;

      const where = `attempt ${attempt}, killed after ${delay} ms of about ${typical}`;
      expect(fsckProblems(workspace.root), where).toBe('');
      expect(existsSync(join(workspace.root, '.git', 'MERGE_HEAD')), where).toBe(false);
      expect(worktreeSnapshot(workspace.root), where).toEqual(before);

      const recovered = await runCli(['releases', '--json'], workspace.root);
      expect(recovered.code, `${where}: ${recovered.stderr}`).toBe(0);
      expect(gitLocks(join(workspace.root, '.git')), where).toEqual([]);
      expect(existsSync(join(workspace.root, '.pipewright', 'promotion.journal.json')), where).toBe(false);
      expect(worktreeSnapshot(workspace.root), where).toEqual(before);
      expect(fsckProblems(workspace.root), where).toBe('');

      const now = git('rev-parse', 'main');
      if (now === main) {
        expect(tags(), where).toEqual(tagsBefore);
        continue;
      }
      expect(git('rev-list', '--parents', '-n1', 'main').split(' '), where).toEqual([now, main, candidate]);
      const release = `release-${tagsBefore.length + 1}`;
      expect(tags().sort(), where).toEqual([...tagsBefore, release].sort());
      expect(git('rev-parse', `${release}^{commit}`), where).toBe(now);
    }

    // Whatever the kills left, the next promotion goes through.
    workspace.write('steps/value.txt', 'after the kills\n');
    git('commit', '-q', '-m', 'after the kills', '--', 'steps/value.txt');
    const last = await runCli(['promote', 'exp', '--json'], workspace.root);
    expect(last.code, last.stderr).toBe(0);
    const release = `release-${tags().length}`;
    expect(git('rev-parse', `${release}^{commit}`)).toBe(git('rev-parse', 'main'));
    expect(git('rev-list', '--parents', '-n1', 'main').split(' ')[2]).toBe(git('rev-parse', 'exp'));
  }, 240_000);
});
