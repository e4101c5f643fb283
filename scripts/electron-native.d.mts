export function electronSqliteBinding(root: string): Promise<string | null>;
