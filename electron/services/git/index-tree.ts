// The tree a commit of the index records, written incrementally: folders whose files are as in
// HEAD keep HEAD's tree ids, so a commit of ten files writes about ten trees, not one per
// folder of the repository (isomorphic-git's commit rewrites them all).
import git from 'isomorphic-git';
import type { GitContext } from './git-context.js';
import { gitArgs } from './git-context.js';
import type { IndexSnapshot } from './git-index.js';
import type { TreeReader } from './tree-files.js';
import { present } from '../../../shared/invariant/present.js';

interface Folder {
  files: Array<{ name: string; oid: string; mode: string }>;
  folders: Set<string>;
}

const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

async function folderTrees(
  trees: TreeReader,
  treeOid: string | null,
  prefix = '',
  into = new Map<string, string>(),
): Promise<Map<string, string>> {
  if (treeOid === null) return into;
  into.set(prefix, treeOid);
  for (const entry of await trees.entries(treeOid)) {
    if (entry.type === 'tree')
      await folderTrees(trees, entry.oid, prefix ? `${prefix}/${entry.path}` : entry.path, into);
  }
  return into;
}

export async function writeIndexTree(
  context: GitContext,
  trees: TreeReader,
  index: IndexSnapshot,
  headTree: string | null,
): Promise<string> {
  const headFiles = await trees.flatten(headTree);
  const headFolders = await folderTrees(trees, headTree);
  const folders = new Map<string, Folder>([['', { files: [], folders: new Set() }]]);
  const changed = new Set<string>();
  const markChanged = (path: string) => {
    for (let dir = parentOf(path); ; dir = parentOf(dir)) {
      changed.add(dir);
      if (dir === '') break;
    }
  };
  const folder = (dir: string): Folder => {
    let found = folders.get(dir);
    if (!found) {
      found = { files: [], folders: new Set() };
      folders.set(dir, found);
      folder(parentOf(dir)).folders.add(dir);
    }
    return found;
  };
  for (const [path, entry] of index.entries) {
    const mode = entry.mode.toString(8);
    folder(parentOf(path)).files.push({ name: nameOf(path), oid: entry.oid, mode });
    const head = headFiles.get(path);
    if (!head || head.oid !== entry.oid || head.mode !== mode) markChanged(path);
  }
  for (const path of headFiles.keys()) if (!index.entries.has(path)) markChanged(path);

  const build = async (dir: string): Promise<string> => {
    const unchanged = headFolders.get(dir);
    if (unchanged !== undefined && !changed.has(dir)) return unchanged;
    const { files, folders: subfolders } = present(folders.get(dir), `the folder "${dir}" of the index`);
    const tree = [
      ...files.map((file) => ({
        mode: file.mode,
        path: file.name,
        oid: file.oid,
        type: file.mode === '160000' ? ('commit' as const) : ('blob' as const),
      })),
      ...(await Promise.all(
        [...subfolders].map(async (sub) => ({
          mode: '040000',
          path: nameOf(sub),
          oid: await build(sub),
          type: 'tree' as const,
        })),
      )),
    ];
    return git.writeTree({ ...gitArgs(context), tree });
  };
  return build('');
}
