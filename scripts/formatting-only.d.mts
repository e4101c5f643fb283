export function codeChanges(root: string, rev: string): { changed: string[]; unchecked: string[] };
