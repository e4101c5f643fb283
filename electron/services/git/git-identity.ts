// Who commits. isomorphic-git reads only the repository's own config, so the user's global
// identity (~/.gitconfig, $XDG_CONFIG_HOME/git/config) and GIT_AUTHOR_* are looked up here.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface GitIdentity {
  name: string;
  email: string;
}

const FALLBACK: GitIdentity = { name: 'Pipewright', email: 'pipewright@localhost' };

function userSection(path: string): Partial<GitIdentity> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const found: Partial<GitIdentity> = {};
  let inUser = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([^\]\s"]+)/.exec(line);
    if (section) {
      inUser = section[1]?.toLowerCase() === 'user';
      continue;
    }
    const entry = inUser ? /^(name|email)\s*=\s*(.*)$/i.exec(line) : null;
    const key = entry?.[1]?.toLowerCase();
    if (key === 'name' || key === 'email') found[key] = (entry?.[2] ?? '').replace(/^"(.*)"$/, '$1').trim();
  }
  return found;
}

export function globalGitIdentity(env: NodeJS.ProcessEnv = process.env): GitIdentity {
  const xdg = env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  const files = { ...userSection(join(xdg, 'git', 'config')), ...userSection(join(homedir(), '.gitconfig')) };
  return {
    name: env.GIT_AUTHOR_NAME ?? files.name ?? FALLBACK.name,
    email: env.GIT_AUTHOR_EMAIL ?? files.email ?? FALLBACK.email,
  };
}
