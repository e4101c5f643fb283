import { describe, expect, it } from 'vitest';
import { scriptOfCommand, starterScript } from './starter-script.js';

describe('scriptOfCommand', () => {
  it('finds the script a command runs, in any of the step languages', () => {
    expect(scriptOfCommand('python3 steps/clean.py --strict')).toEqual({ path: 'steps/clean.py', language: 'python' });
    expect(scriptOfCommand('node ./steps/report.mjs')).toEqual({ path: 'steps/report.mjs', language: 'javascript' });
    expect(scriptOfCommand('duckdb data/warehouse.duckdb < steps/load.sql')).toEqual({
      path: 'steps/load.sql',
      language: 'sql',
    });
    expect(scriptOfCommand('sh "steps/run.sh"')).toEqual({ path: 'steps/run.sh', language: 'shell' });
  });

  it('ignores paths outside the workspace, variables and commands without a script', () => {
    expect(scriptOfCommand('python /opt/tool.py')).toBeNull();
    expect(scriptOfCommand('python ../other/tool.py')).toBeNull();
    expect(scriptOfCommand('python $SCRIPT.py')).toBeNull();
    expect(scriptOfCommand('echo "hello from x"')).toBeNull();
  });
});

describe('starterScript', () => {
  it('reads the params file in Python and JavaScript', () => {
    expect(starterScript('python', 'clean')).toContain('os.environ["PW_PARAMS_FILE"]');
    expect(starterScript('javascript', 'report')).toContain('process.env.PW_PARAMS_FILE');
    expect(starterScript('shell', 'run').startsWith('#!/bin/sh\n')).toBe(true);
  });
});
