export const CAST_FOLDERS: string[];
export interface Cast {
  line: number;
  text: string;
  explained: boolean;
}
export function castsIn(fileName: string, text: string): Cast[];
export function productCasts(root: string, folders?: readonly string[]): Array<Cast & { file: string }>;
export function castProblems(root: string, folders?: readonly string[]): string[];
