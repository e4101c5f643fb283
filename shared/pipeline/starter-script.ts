// The script a step's command runs, found in the command (`python3 steps/clean.py`), and the
// starter a new step gets when that script does not exist yet: a few lines in the script's
// language that read the step's params, so the step runs as soon as it is dropped.

export type ScriptLanguage = 'python' | 'javascript' | 'sql' | 'shell' | 'r';

const LANGUAGES: Record<string, ScriptLanguage> = {
  py: 'python',
  mjs: 'javascript',
  js: 'javascript',
  cjs: 'javascript',
  sql: 'sql',
  sh: 'shell',
  bash: 'shell',
  r: 'r',
};

export const LANGUAGE_NAMES: Record<ScriptLanguage, string> = {
  python: 'Python',
  javascript: 'JavaScript',
  sql: 'SQL',
  shell: 'shell',
  r: 'R',
};

/** The first workspace-relative script file the command names, or null. */
export function scriptOfCommand(command: string): { path: string; language: ScriptLanguage } | null {
  for (const raw of command.split(/[\s<>|;&]+/)) {
    const token = raw.replace(/^["']|["']$/g, '');
    if (
      token === '' ||
      token.startsWith('-') ||
      token.startsWith('/') ||
      token.includes('$') ||
      token.split('/').includes('..')
    )
      continue;
    const extension = /\.([A-Za-z]+)$/.exec(token)?.[1]?.toLowerCase();
    const language = extension ? LANGUAGES[extension] : undefined;
    if (language) return { path: token.replace(/^\.\//, ''), language };
  }
  return null;
}

export function languageOfScript(path: string): ScriptLanguage | null {
  const extension = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  return (extension ? LANGUAGES[extension] : undefined) ?? null;
}

/** The starter text of a script; `name` is the script's file name without its extension. */
export function starterScript(language: ScriptLanguage, name: string): string {
  switch (language) {
    case 'python':
      return [
        `"""${name}: a Pipewright step. Params arrive as PW_PARAM_<NAME> and in the JSON file PW_PARAMS_FILE."""`,
        'import json',
        'import os',
        '',
        'params = {}',
        'if os.environ.get("PW_PARAMS_FILE"):',
        '    with open(os.environ["PW_PARAMS_FILE"], encoding="utf-8") as file:',
        '        params = json.load(file)',
        '',
        `print(f"{os.environ.get('PW_STEP_ID', '${name}')} ran with params {params}")`,
        '',
      ].join('\n');
    case 'javascript':
      return [
        `// ${name}: a Pipewright step. Params arrive as PW_PARAM_<NAME> and in the JSON file PW_PARAMS_FILE.`,
        "import { readFileSync } from 'node:fs';",
        '',
        "const params = process.env.PW_PARAMS_FILE ? JSON.parse(readFileSync(process.env.PW_PARAMS_FILE, 'utf8')) : {};",
        `console.log(\`\${process.env.PW_STEP_ID ?? '${name}'} ran with params \${JSON.stringify(params)}\`);`,
        '',
      ].join('\n');
    case 'sql':
      return [`-- ${name}: a Pipewright step. Write the query this step runs.`, 'SELECT 1 AS ok;', ''].join('\n');
    case 'shell':
      return [
        '#!/bin/sh',
        `# ${name}: a Pipewright step. Params arrive as PW_PARAM_<NAME>.`,
        'set -eu',
        `echo "\${PW_STEP_ID:-${name}} ran"`,
        '',
      ].join('\n');
    case 'r':
      return [
        `# ${name}: a Pipewright step. Params arrive as PW_PARAM_<NAME>.`,
        `cat(Sys.getenv("PW_STEP_ID", "${name}"), "ran\\n")`,
        '',
      ].join('\n');
  }
}
