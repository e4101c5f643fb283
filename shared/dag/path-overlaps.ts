// Which of many workspace paths overlap one path (the same, a folder holding it, or inside it),
// without comparing it with each of them: a pipeline of 10,000 steps has 10,000 outputs, and
// every input and output is checked against them. Entries are kept by their path and by every
// folder above it, so a lookup costs the depth of the path plus the matches.
export class PathOverlaps<T> {
  private readonly at = new Map<string, Array<{ order: number; value: T }>>();
  private readonly under = new Map<string, Array<{ order: number; value: T }>>();
  private added = 0;

  /** Adds a normalized workspace path (see normalizeWorkspacePath). */
  add(path: string, value: T): void {
    const entry = { order: this.added, value };
    this.added += 1;
    push(this.at, path, entry);
    for (const folder of folders(path)) push(this.under, folder, entry);
  }

  /** Values whose path overlaps `path`, in the order they were added. */
  overlapping(path: string): T[] {
    const found = [...(this.at.get(path) ?? []), ...(this.under.get(path) ?? [])];
    for (const folder of folders(path)) found.push(...(this.at.get(folder) ?? []));
    return found.sort((a, b) => a.order - b.order).map((entry) => entry.value);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "a/b/c" -> "a", "a/b". */
function folders(path: string): string[] {
  const found: string[] = [];
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1))
    found.push(path.slice(0, slash));
  return found;
}
