// The step cache. A step is skipped as `cached` when a past successful execution had the same
// key — command, where it runs, resolved params, the contents of its inputs and of the code
// files its command names, its declared outputs, and what it explicitly needs — and every
// output of that execution is on disk unchanged, or can be put back from the output store.
import { createHash } from 'node:crypto';
import { normalizeWorkspacePath, pathsOverlap } from '../../../shared/pipeline/workspace-paths.js';
import type { ParamValue, StepSpec, TestSpec } from '../../../shared/pipeline/schema.js';
import { UnsafePathError } from '../files/contained-path.js';
import type { CacheEntry, OutputHash, RunStore } from '../store/run-store.js';
import type { FileFingerprints } from '../files/file-fingerprints.js';

const KEY_VERSION = 1;

export class MissingInputError extends Error {}

export interface CacheKeyInput {
  pipeline: string;
  stepId: string;
  step: StepSpec;
  runnerIdentity: string;
  environmentVars: Readonly<Record<string, string>>;
  params: Readonly<Record<string, ParamValue>>;
  /** Cache keys of the steps this one `needs` without a file connecting them. */
  upstreamKeys: readonly string[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Extensions of files that are code rather than data: a change to them changes the step. */
const CODE_EXTENSIONS = new Set([
  'py',
  'ipynb',
  'r',
  'rmd',
  'qmd',
  'jl',
  'sql',
  'sh',
  'bash',
  'zsh',
  'js',
  'mjs',
  'cjs',
  'ts',
  'mts',
  'rb',
  'pl',
  'lua',
  'scala',
  'jar',
  'java',
  'kts',
  'go',
  'awk',
  'sed',
  'jq',
  'm',
  'do',
  'sas',
  'yaml',
  'yml',
  'toml',
  'json',
  'cfg',
  'ini',
]);

/**
 * Files a step's command names that look like its code, e.g. steps/clean.py. Declared inputs
 * are hashed as inputs already, and declared outputs are what the step writes, not what it is.
 */
export function codeFilesOf(step: Pick<StepSpec, 'run' | 'inputs' | 'outputs'>): string[] {
  const declared = [...(step.inputs ?? []), ...(step.outputs ?? [])].flatMap(
    (path) => normalizeWorkspacePath(path) ?? [],
  );
  const paths = new Set<string>();
  // A word right after a redirection (> file, >> file) is written, not run.
  const words = (step.run ?? '').replace(/\d?>>?\s*\S+/g, ' ').split(/[\s;|&()<>'"`=,]+/);
  for (const word of words) {
    const extension = /\.([A-Za-z0-9]+)$/.exec(word)?.[1]?.toLowerCase();
    if (!extension || !CODE_EXTENSIONS.has(extension) || word.startsWith('-') || word.includes('$')) continue;
    const path = normalizeWorkspacePath(word);
    if (path && !declared.some((other) => pathsOverlap(other, path))) paths.add(path);
  }
  return [...paths];
}

/** The step's cache key, and its declared inputs with the hashes the key was made of (lineage and the store record them). */
export async function stepCacheKey(
  input: CacheKeyInput,
  fingerprints: FileFingerprints,
): Promise<{ key: string; inputs: OutputHash[] }> {
  const inputs: Array<[string, string]> = [];
  for (const raw of input.step.inputs ?? []) {
    const path = normalizeWorkspacePath(raw) ?? raw;
    const hash = await fingerprints.hash(path);
    if (hash === null) throw new MissingInputError(`input ${path} does not exist`);
    inputs.push([path, hash]);
  }
  const code: Array<[string, string]> = [];
  for (const path of codeFilesOf(input.step)) {
    const hash = await fingerprints.hash(path);
    if (hash !== null && !hash.startsWith('dir:')) code.push([path, hash]);
  }
  const key = sha256(
    JSON.stringify({
      v: KEY_VERSION,
      // Two steps with the same command are still two steps: one never stands in for the other.
      pipeline: input.pipeline,
      step: input.stepId,
      run: input.step.run,
      runner: input.runnerIdentity,
      env: sortedEntries(input.environmentVars),
      stepEnv: sortedEntries(input.step.env ?? {}),
      params: sortedEntries(input.params),
      inputs,
      code,
      outputs: (input.step.outputs ?? []).map((path) => normalizeWorkspacePath(path) ?? path).sort(),
      upstream: [...input.upstreamKeys].sort(),
    }),
  );
  return { key, inputs: inputs.map(([path, hash]) => ({ path, hash })) };
}

/** Tests are keyed apart from the step: changing a test re-runs the test, not the step. */
export function testsKey(tests: readonly TestSpec[]): string {
  return sha256(JSON.stringify(tests));
}

/**
 * The cache entry for `key` if all its outputs are on disk unchanged, or were put back from the
 * output store by `restore` (a branch switch replaced them, or they were deleted).
 */
export async function usableCacheEntry(
  store: RunStore,
  key: string,
  fingerprints: FileFingerprints,
  restore: (entry: CacheEntry, stale: readonly string[]) => Promise<boolean> = async () => false,
): Promise<{ entry: CacheEntry; restored: boolean } | null> {
  const entry = store.cacheEntry(key);
  if (!entry) return null;
  try {
    const stale = await staleOutputs(entry, fingerprints);
    if (stale.length === 0) return { entry, restored: false };
    // Restored files are copies of stored files named by their hash, recorded as such: no need to read them again.
    return (await restore(entry, stale)) ? { entry, restored: true } : null;
  } catch (error) {
    // An output that now leads out of the workspace (or became a FIFO) is no cache hit: the
    // step runs, and its paths are refused with the reason.
    if (error instanceof UnsafePathError) return null;
    throw error;
  }
}

/** The entry's outputs that are not on disk as it recorded them. */
async function staleOutputs(entry: CacheEntry, fingerprints: FileFingerprints): Promise<string[]> {
  const stale: string[] = [];
  for (const output of entry.outputs)
    if (!(await fingerprints.matches(output.path, output.hash))) stale.push(output.path);
  return stale;
}

export async function hashOutputs(
  step: StepSpec,
  fingerprints: FileFingerprints,
): Promise<{ outputs: OutputHash[]; missing: string[] }> {
  const outputs: OutputHash[] = [];
  const missing: string[] = [];
  for (const raw of step.outputs ?? []) {
    const path = normalizeWorkspacePath(raw) ?? raw;
    const hash = await fingerprints.hash(path);
    if (hash === null) missing.push(path);
    else outputs.push({ path, hash });
  }
  return { outputs, missing };
}

/** The declared inputs that exist, with their hashes, as lineage records them. */
export async function hashInputs(step: StepSpec, fingerprints: FileFingerprints): Promise<OutputHash[]> {
  const inputs: OutputHash[] = [];
  for (const raw of step.inputs ?? []) {
    const path = normalizeWorkspacePath(raw) ?? raw;
    const hash = await fingerprints.hash(path);
    if (hash !== null) inputs.push({ path, hash });
  }
  return inputs;
}

function sortedEntries(record: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
