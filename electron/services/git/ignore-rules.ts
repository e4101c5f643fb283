// Which files git ignores: every folder's .gitignore and .git/info/exclude, with git's
// precedence (a deeper .gitignore overrides a shallower one; within one, the last matching
// pattern wins, "!" re-includes). Pattern matching is the `ignore` package's, which follows
// the gitignore specification.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';

export class IgnoreRules {
  private readonly rulesByDir = new Map<string, Ignore | null>();

  constructor(
    private readonly root: string,
    private readonly gitdir: string,
  ) {}

  private read(path: string): string | null {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  }

  private rules(dir: string): Ignore | null {
    if (this.rulesByDir.has(dir)) return this.rulesByDir.get(dir) ?? null;
    const own = this.read(join(this.root, dir, '.gitignore'));
    const exclude = dir === '' ? this.read(join(this.gitdir, 'info', 'exclude')) : null;
    const rules =
      own === null && exclude === null
        ? null
        : ignore()
            .add(exclude ?? '')
            .add(own ?? '');
    this.rulesByDir.set(dir, rules);
    return rules;
  }

  /** Whether git ignores `path` (repository-relative); folders are matched as folders. */
  ignored(path: string, isDir: boolean): boolean {
    const parts = path.split('/');
    if (parts[0] === '.git') return true;
    for (let depth = parts.length - 1; depth >= 0; depth -= 1) {
      const rules = this.rules(parts.slice(0, depth).join('/'));
      if (!rules) continue;
      const result = rules.test(parts.slice(depth).join('/') + (isDir ? '/' : ''));
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }

  /** Forgets what was read, after a .gitignore changed. */
  reset(): void {
    this.rulesByDir.clear();
  }
}
