// Why a name the user is typing cannot be used, in words: which characters are allowed and
// what in the name breaks the rule, so a form can say it as they type instead of refusing.
import { PARAM_NAME, PIPELINE_NAME, STEP_ID } from './names.js';
import { present } from '../invariant/present.js';

interface NameRule {
  what: string;
  pattern: RegExp;
  /** The allowed alphabet, as told to the user. */
  allowed: string;
  /** The characters a name may start with, as a class, and as told to the user. */
  first: RegExp;
  firstAllowed: string;
  /** Characters allowed after the first. */
  rest: RegExp;
}

const STEP_RULE: NameRule = {
  what: 'a step id',
  pattern: STEP_ID,
  allowed: 'letters, digits, "_" and "-"',
  first: /[A-Za-z0-9_]/,
  firstAllowed: 'a letter, a digit or "_"',
  rest: /[A-Za-z0-9_-]/,
};
const PARAM_RULE: NameRule = {
  what: 'a param name',
  pattern: PARAM_NAME,
  allowed: 'letters, digits and "_" (it becomes an environment variable)',
  first: /[A-Za-z_]/,
  firstAllowed: 'a letter or "_"',
  rest: /[A-Za-z0-9_]/,
};
const PIPELINE_RULE: NameRule = {
  what: 'a pipeline name',
  pattern: PIPELINE_NAME,
  allowed: 'letters, digits, "_", "-" and "."',
  first: /[A-Za-z0-9_]/,
  firstAllowed: 'a letter, a digit or "_"',
  rest: /[A-Za-z0-9_.-]/,
};

function describe(character: string): string {
  if (character === ' ') return 'a space';
  if (/\s/.test(character)) return 'a line break or tab';
  return `"${character}"`;
}

function nameProblem(rule: NameRule, name: string): string | null {
  if (name === '') return `${rule.what} is needed: use ${rule.allowed}`;
  if (rule.pattern.test(name)) return null;
  const characters = [...name];
  const first = present(characters[0], 'the first character of a name that is not empty');
  if (!rule.first.test(first) && rule.rest.test(first))
    return `${rule.what} must start with ${rule.firstAllowed}, not ${describe(first)}`;
  const bad = [...new Set(characters.filter((character) => !rule.rest.test(character)))];
  return `${rule.what} cannot contain ${bad.map(describe).join(', ')}: use ${rule.allowed}`;
}

export const stepIdProblem = (name: string): string | null => nameProblem(STEP_RULE, name);
export const paramNameProblem = (name: string): string | null => nameProblem(PARAM_RULE, name);
export const pipelineNameProblem = (name: string): string | null => nameProblem(PIPELINE_RULE, name);
