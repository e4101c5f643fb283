// The shapes of a pipeline diff, apart from the code that computes it, so each part of the
// diff (fields, tests, edges, environments) and its summary can share them without a cycle.
/** One field's two values; undefined means absent on that side. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export type ChangeKind = 'added' | 'removed' | 'changed';
/** `fields`: the step keys that differ; for an added or removed step, every key it has. */
export interface StepDiff {
  id: string;
  change: ChangeKind;
  fields: FieldChange[];
}
export interface ParamDiff {
  name: string;
  change: ChangeKind;
  fields: FieldChange[];
}
/** Tests are matched by name, else by position ("#1" for an unnamed first test). */
export interface TestDiff {
  step: string;
  name: string;
  change: ChangeKind;
  fields: FieldChange[];
}
export interface EnvironmentChange {
  step: string;
  before: string | null;
  after: string | null;
}
export interface EdgeChange {
  from: string;
  to: string;
}

export interface PipelineDiff {
  /** Top-level fields other than steps and params (version, name, description...). */
  pipeline: FieldChange[];
  /** Steps in their order in `after`, then removed ones in their order in `before`. */
  steps: StepDiff[];
  params: ParamDiff[];
  tests: TestDiff[];
  /** Steps whose `environment` differs, added and removed steps included. */
  environments: EnvironmentChange[];
  /** Explicit `needs` and inferred output -> input edges. */
  edges: { added: EdgeChange[]; removed: EdgeChange[] };
  unchanged: boolean;
}
