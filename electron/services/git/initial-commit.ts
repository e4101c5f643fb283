// Turning a new workspace folder into a git repository with a first commit, through
// isomorphic-git so that it works where no git CLI is installed.
import fs from 'node:fs';
import git from 'isomorphic-git';
import { globalGitIdentity } from './git-identity.js';

export async function initRepositoryWithCommit(dir: string, message: string): Promise<string> {
  await git.init({ fs, dir, defaultBranch: 'main' });
  const status = await git.statusMatrix({ fs, dir });
  await git.add({ fs, dir, filepath: status.map(([filepath]) => filepath) });
  return git.commit({ fs, dir, message, author: globalGitIdentity() });
}
