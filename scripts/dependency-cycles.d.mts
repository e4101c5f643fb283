export const PRODUCT_FOLDERS: string[];
export function importGraph(root: string, folders?: readonly string[]): Map<string, Set<string>>;
export function dependencyCycles(root: string, folders?: readonly string[]): string[];
