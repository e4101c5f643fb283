// The release-N tags promotion makes: annotated tags on the production branch's merge commits,
// numbered in order. Created and removed only as the promotion journal says, and idempotently,
// so a recovery that runs twice does the same as one that runs once.
import git from 'isomorphic-git';
import { releaseNumber } from '../../../shared/promotion/release-message.js';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import { GitError } from './git-errors.js';
import { commitAuthor, resolveCommit } from './repository-parts.js';

export interface ReleaseTag {
  name: string;
  number: number;
  /** The commit the tag points at (peeled). */
  commit: string;
  /** The annotated tag's message; null for a lightweight tag. */
  message: string | null;
  /** When the tag was made (epoch ms); null for a lightweight tag. */
  taggedAt: number | null;
}

const tagRef = (name: string) => `refs/tags/${name}`;

/** The commit a tag points at, or null when there is no such tag. */
async function tagTarget(context: GitContext, name: string): Promise<string | null> {
  return resolveCommit(context, tagRef(name)).catch(() => null);
}

export async function listReleaseTags(context: GitContext): Promise<ReleaseTag[]> {
  const tags: ReleaseTag[] = [];
  for (const name of await git.listTags({ ...gitArgs(context) })) {
    const number = releaseNumber(name);
    if (number === null) continue;
    const oid = await git.resolveRef({ ...gitArgs(context), ref: tagRef(name) });
    const object = await git.readObject({ ...gitArgs(context), oid, format: 'parsed' });
    const commit = await resolveCommit(context, oid).catch(() => null);
    if (commit === null) continue;
    const tag = object.type === 'tag' && object.format === 'parsed' ? object.object : null;
    tags.push({
      name,
      number,
      commit,
      message: tag?.message ?? null,
      taggedAt: tag ? tag.tagger.timestamp * 1000 : null,
    });
  }
  return tags.sort((a, b) => a.number - b.number);
}

export async function nextReleaseNumber(context: GitContext): Promise<number> {
  const numbers = (await git.listTags({ ...gitArgs(context) }))
    .map(releaseNumber)
    .filter((number): number is number => number !== null);
  return Math.max(0, ...numbers) + 1;
}

/** Tags `commit` as `name` with `message`; a tag already there on the same commit is kept. */
export async function ensureReleaseTag(
  context: GitContext,
  name: string,
  commit: string,
  message: string,
): Promise<void> {
  const existing = await tagTarget(context, name);
  if (existing === commit) return;
  if (existing !== null)
    throw new GitError('exists', `the tag ${name} already exists on another commit (${existing.slice(0, 7)})`);
  await git.annotatedTag({
    ...gitArgs(context),
    ref: name,
    object: commit,
    message,
    tagger: await commitAuthor(context),
  });
}

/** Removes the tag `name` if it points at `commit`; one on another commit is not ours to remove. */
export async function removeReleaseTag(context: GitContext, name: string, commit: string): Promise<boolean> {
  if ((await tagTarget(context, name)) !== commit) return false;
  await git.deleteRef({ ...gitArgs(context), ref: tagRef(name) });
  return true;
}
