// Recently opened workspaces, newest first, kept in the app's user-data folder.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../services/files/atomic-write.js';
import type { RecentWorkspaces } from '../services/studio/studio-backend.js';

const LIMIT = 10;

export class RecentWorkspacesFile implements RecentWorkspaces {
  constructor(private readonly path: string) {}

  list(): string[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return Array.isArray(parsed)
        ? parsed.filter((entry): entry is string => typeof entry === 'string' && existsSync(entry))
        : [];
    } catch {
      return [];
    }
  }

  add(path: string): void {
    const next = [path, ...this.list().filter((entry) => entry !== path)].slice(0, LIMIT);
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
  }
}
