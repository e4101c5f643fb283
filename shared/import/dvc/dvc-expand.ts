// foreach/do and matrix stages expand into one stage per item, named as DVC names them:
// foreach over a list of values: stage@value; over a list of mappings: stage@0, stage@1;
// over a mapping: stage@key; matrix: stage@ each value joined with "-" (a list or mapping
// value by its name and index, e.g. stage@linux-3.9-cfg0).
import type { FieldPath } from '../../pipeline/problem.js';
import { DvcFieldError } from './dvc-field-error.js';
import { DvcTemplateError, resolveValue } from './dvc-template.js';
import type { DvcContext } from './dvc-template.js';
import { isMapping, isParamValue } from './dvc-values.js';

export interface StageInstance {
  /** DVC's name: "train" or "train@us". */
  name: string;
  definition: Readonly<Record<string, unknown>>;
  /** Where the definition's fields are in dvc.yaml. */
  at: FieldPath;
  /** item and key for the definition's references. */
  bindings: Readonly<Record<string, unknown>>;
}

function resolved(value: unknown, context: DvcContext, path: FieldPath): unknown {
  try {
    return resolveValue(value, context);
  } catch (error) {
    if (error instanceof DvcTemplateError) throw new DvcFieldError(path, error.message);
    throw error;
  }
}

function expandForeach(name: string, stage: Record<string, unknown>, context: DvcContext): StageInstance[] {
  const at = ['stages', name];
  const items = resolved(stage.foreach, context, [...at, 'foreach']);
  const template = stage.do;
  if (!isMapping(template))
    throw new DvcFieldError(
      [...at, stage.do === undefined ? 'foreach' : 'do'],
      'foreach needs a "do" mapping: the stage to repeat',
    );
  const extra = Object.keys(stage).filter((key) => key !== 'foreach' && key !== 'do');
  if (extra.length > 0)
    throw new DvcFieldError(
      [...at, extra[0] ?? 'foreach'],
      `"${extra[0] ?? ''}" beside foreach: the repeated stage's fields go under "do"`,
    );
  const doAt = [...at, 'do'];
  if (Array.isArray(items)) {
    const named = items.every(isParamValue);
    return items.map((item, index) => ({
      name: `${name}@${named ? String(item) : index}`,
      definition: template,
      at: doAt,
      bindings: { item },
    }));
  }
  if (isMapping(items)) {
    return Object.entries(items).map(([key, item]) => ({
      name: `${name}@${key}`,
      definition: template,
      at: doAt,
      bindings: { key, item },
    }));
  }
  throw new DvcFieldError([...at, 'foreach'], 'foreach takes a list, a mapping, or a ${reference} to one');
}

function expandMatrix(name: string, stage: Record<string, unknown>, context: DvcContext): StageInstance[] {
  const at = ['stages', name];
  const matrix = stage.matrix;
  if (!isMapping(matrix) || Object.keys(matrix).length === 0)
    throw new DvcFieldError([...at, 'matrix'], 'matrix takes a mapping of names to lists of values');
  const axes = Object.entries(matrix).map(([axis, values]) => {
    const list = resolved(values, context, [...at, 'matrix', axis]);
    if (!Array.isArray(list) || list.length === 0)
      throw new DvcFieldError(
        [...at, 'matrix', axis],
        `matrix "${axis}" must be a non-empty list (or a \${reference} to one)`,
      );
    return {
      axis,
      labels: list.map((value, index) => (isParamValue(value) ? String(value) : `${axis}${index}`)),
      values: list,
    };
  });
  let combinations: Array<{ labels: string[]; item: Record<string, unknown> }> = [{ labels: [], item: {} }];
  for (const { axis, labels, values } of axes) {
    combinations = combinations.flatMap((combination) =>
      values.map((value, index) => ({
        labels: [...combination.labels, labels[index] ?? String(index)],
        item: { ...combination.item, [axis]: value },
      })),
    );
  }
  const definition = Object.fromEntries(Object.entries(stage).filter(([key]) => key !== 'matrix'));
  return combinations.map(({ labels, item }) => ({
    name: `${name}@${labels.join('-')}`,
    definition,
    at,
    bindings: { item },
  }));
}

/** The stages one dvc.yaml entry stands for. */
export function expandStage(name: string, stage: unknown, context: DvcContext): StageInstance[] {
  if (!isMapping(stage)) throw new DvcFieldError(['stages', name], 'a stage must be a mapping with at least a cmd');
  if (stage.foreach !== undefined && stage.matrix !== undefined)
    throw new DvcFieldError(['stages', name, 'matrix'], 'a stage has foreach or matrix, not both');
  if (stage.foreach !== undefined) return expandForeach(name, stage, context);
  if (stage.matrix !== undefined) return expandMatrix(name, stage, context);
  if (stage.do !== undefined) throw new DvcFieldError(['stages', name, 'do'], '"do" without foreach');
  return [{ name, definition: stage, at: ['stages', name], bindings: {} }];
}
