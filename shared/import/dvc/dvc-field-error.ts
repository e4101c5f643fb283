import type { FieldPath } from '../../pipeline/problem.js';

/** Input the import cannot carry over, at a field of dvc.yaml (located to its line when reported). */
export class DvcFieldError extends Error {
  constructor(
    readonly path: FieldPath,
    message: string,
  ) {
    super(message);
  }
}
