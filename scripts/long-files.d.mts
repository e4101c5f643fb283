export const LONG_FILE_FOLDERS: string[];
export const MOST_LINES: number;
export function header(lines: readonly string[]): string[];
export function lineCount(text: string): number;
export function longFileProblems(root: string, folders?: readonly string[]): string[];
