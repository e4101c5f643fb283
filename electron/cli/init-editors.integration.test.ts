// `pipewright init` sets editors up: the schema copies in the workspace, VS Code's settings
// merged (never replaced, never through a link), and the association judged by a JSON Schema
// validator on real pipeline files, so a hand edit gets the checks the canvas makes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import jsonc from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../testing/cli-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-editors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SETTINGS = '.vscode/settings.json';
const parseJsonc = jsonc.parse;
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** The schema VS Code's settings associate with `file`, read from the workspace as an editor would. */
function schemaFor(root: string, file: string): Record<string, unknown> {
  const settings = parseJsonc(read(root, SETTINGS)) as { 'yaml.schemas': Record<string, string[]> };
  const entry = Object.entries(settings['yaml.schemas']).find(([, globs]) =>
    globs.some((glob) => new RegExp(`^${glob.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`).test(file)),
  );
  if (!entry) throw new Error(`no schema associated with ${file}`);
  return JSON.parse(read(root, entry[0])) as Record<string, unknown>;
}

describe('pipewright init sets editors up', () => {
  it('associates the pipeline files and pipewright.yaml with schema copies that judge them', async () => {
    const created = await runCli(['init', 'demo'], dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('.vscode/settings.json created');
    const root = join(dir, 'demo');
    expect(parseJsonc(read(root, SETTINGS))).toEqual({
      'yaml.schemas': {
        './.pipewright/schema/pipeline.schema.json': ['pipelines/*.pipeline.yaml'],
        './.pipewright/schema/workspace.schema.json': ['pipewright.yaml'],
      },
    });
    // The settings are committed with the workspace; the copies are local state.
    expect(git(root, 'ls-files')).toContain(SETTINGS);
    expect(git(root, 'status', '--porcelain')).toBe('');
    // The files the template made name their schema for JetBrains IDEs and YAML language servers.
    expect(read(root, 'pipelines/sales.pipeline.yaml')).toMatch(
      /^# \$schema: \.\.\/\.pipewright\/schema\/pipeline\.schema\.json\n/,
    );

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const pipeline = ajv.compile(schemaFor(root, 'pipelines/sales.pipeline.yaml'));
    const sales = parseYaml(read(root, 'pipelines/sales.pipeline.yaml')) as Record<string, unknown>;
    expect(pipeline(sales), JSON.stringify(pipeline.errors)).toBe(true);
    const steps = sales.steps as Record<string, Record<string, unknown>>;
    const invalid = { ...sales, steps: { ...steps, ingest: { ...steps.ingest, retires: 2 } } };
    expect(pipeline(invalid)).toBe(false);
    expect(pipeline.errors?.some((error) => error.params.additionalProperty === 'retires')).toBe(true);
    expect(pipeline({ ...sales, steps: { ...steps, ingest: { ...steps.ingest, retries: 'twice' } } })).toBe(false);

    const workspace = ajv.compile(schemaFor(root, 'pipewright.yaml'));
    expect(workspace(parseYaml(read(root, 'pipewright.yaml')))).toBe(true);
  });

  it('merges into the settings a workspace already has, keeping its keys and comments', async () => {
    const root = join(dir, 'mine');
    mkdirSync(join(root, '.vscode'), { recursive: true });
    const mine = [
      '{',
      '  // my editor, my rules',
      '  "editor.tabSize": 4,',
      '  "yaml.schemas": { "https://example.com/ci.json": ["ci/*.yaml"] },',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(root, SETTINGS), mine);
    const created = await runCli(['init', root, '--git'], dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('.vscode/settings.json merged');
    const text = read(root, SETTINGS);
    expect(text).toContain('// my editor, my rules');
    expect(parseJsonc(text)).toEqual({
      'editor.tabSize': 4,
      'yaml.schemas': {
        'https://example.com/ci.json': ['ci/*.yaml'],
        './.pipewright/schema/pipeline.schema.json': ['pipelines/*.pipeline.yaml'],
        './.pipewright/schema/workspace.schema.json': ['pipewright.yaml'],
      },
    });
  });

  it('refuses to write through a symbolic link, and leaves a settings file it cannot read', async () => {
    const linked = join(dir, 'linked');
    const elsewhere = join(dir, 'elsewhere.json');
    writeFileSync(elsewhere, '{}\n');
    mkdirSync(join(linked, '.vscode'), { recursive: true });
    symlinkSync(elsewhere, join(linked, SETTINGS));
    const refused = await runCli(['init', linked, '--git'], dir);
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stderr).toMatch(/\.vscode\/settings\.json/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{}\n');

    const broken = join(dir, 'broken');
    mkdirSync(join(broken, '.vscode'), { recursive: true });
    writeFileSync(join(broken, SETTINGS), '{ "editor.tabSize": 4,, }\n');
    const invalid = await runCli(['init', broken, '--git'], dir);
    expect(invalid.code, invalid.stderr).toBe(0);
    expect(invalid.stderr).toContain('.vscode/settings.json is not valid JSON with comments (line 1');
    expect(read(broken, SETTINGS)).toBe('{ "editor.tabSize": 4,, }\n');
  });
});
