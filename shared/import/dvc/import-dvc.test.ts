import { describe, expect, it } from 'vitest';
import { buildPipelineGraph } from '../../dag/pipeline-graph.js';
import { formatProblem } from '../../pipeline/problem.js';
import { validatePipelineText } from '../../validation/validate.js';
import { dvcPipelineText } from './dvc-pipeline-text.js';
import { importDvcPipeline } from './import-dvc.js';

/** Imports a dvc.yaml and checks what every import must give: a pipeline that validates. */
function imported(text: string, files: Record<string, string> = {}, dvcFile = 'dvc.yaml') {
  const result = importDvcPipeline({
    dvcFile,
    text,
    pipelineName: 'imported',
    readFile: (path) => files[path] ?? null,
  });
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  expect(errors.map(formatProblem)).toEqual([]);
  if (!result.pipeline) throw new Error('no pipeline');
  const file = dvcPipelineText(result.pipeline, dvcFile);
  const validated = validatePipelineText('pipelines/imported.pipeline.yaml', file);
  expect(validated.problems.map(formatProblem)).toEqual([]);
  const edges = buildPipelineGraph(result.pipeline)
    .edges.map((edge) => `${edge.from}->${edge.to}`)
    .sort();
  const warnings = result.problems.filter((problem) => problem.severity === 'warning');
  return { pipeline: result.pipeline, steps: result.pipeline.steps, edges, warnings, file };
}

describe('importDvcPipeline: the shapes of dvc.yaml', () => {
  it('1. plain stages: cmd, deps, outs become run, inputs, outputs, and edges follow the files', () => {
    const { steps, edges, warnings } = imported(`stages:
  prepare:
    cmd: python3 src/prepare.py data/raw.csv
    deps: [src/prepare.py, data/raw.csv]
    outs: [data/prepared]
  train:
    desc: Fit the model
    cmd: python3 src/train.py
    deps: [data/prepared/train.csv, src/train.py]
    outs: [model.pkl]
    always_changed: true
`);
    expect(Object.keys(steps)).toEqual(['prepare', 'train']);
    expect(steps.prepare).toMatchObject({
      run: 'python3 src/prepare.py data/raw.csv',
      inputs: ['src/prepare.py', 'data/raw.csv'],
      outputs: ['data/prepared'],
    });
    expect(steps.train).toMatchObject({
      description: 'Fit the model (DVC stage train)',
      outputs: ['model.pkl'],
      cache: false,
    });
    expect(edges).toEqual(['prepare->train']);
    expect(warnings).toEqual([]);
  });

  it('2. foreach over a list of values and of mappings: one step per item, named stage@item', () => {
    const { steps, edges } = imported(`stages:
  split:
    foreach: [us, eu]
    do:
      cmd: sh split.sh \${item} > parts/\${item}.csv
      outs:
        - parts/\${item}.csv
  report:
    foreach:
      - {region: us, top: 5}
      - {region: eu, top: 3}
    do:
      cmd: sh report.sh parts/\${item.region}.csv \${item.top}
      deps:
        - parts/\${item.region}.csv
      outs:
        - reports/\${item.region}.md
`);
    expect(Object.keys(steps)).toEqual(['split-us', 'split-eu', 'report-0', 'report-1']);
    expect(steps['split-eu']?.run).toBe('sh split.sh eu > parts/eu.csv');
    expect(steps['report-1']?.run).toBe('sh report.sh parts/eu.csv 3');
    expect(steps['report-1']?.description).toBe('DVC stage report@1');
    expect(edges).toEqual(['split-eu->report-1', 'split-us->report-0']);
  });

  it('3. foreach over a mapping: ${key} and ${item.field}', () => {
    const { steps } = imported(`stages:
  fetch:
    foreach:
      small: {rows: 10, file: s.csv}
      large: {rows: 1000, file: l.csv}
    do:
      cmd: head -n \${item.rows} all.csv > \${item.file}
      outs:
        - \${item.file}
      desc: \${key} sample
`);
    expect(Object.keys(steps)).toEqual(['fetch-small', 'fetch-large']);
    expect(steps['fetch-large']).toMatchObject({
      run: 'head -n 1000 all.csv > l.csv',
      outputs: ['l.csv'],
      description: 'large sample (DVC stage fetch@large)',
    });
  });

  it('4. matrix: the product of its lists, named by the values, dots made valid in ids', () => {
    const { steps } = imported(`stages:
  test:
    matrix:
      os: [linux, mac]
      py: ["3.9", "3.10"]
      cfg:
        - {fast: true}
    cmd: echo \${item.os} \${item.py} \${item.cfg.fast} > out/\${item.os}-\${item.py}.txt
    outs:
      - out/\${item.os}-\${item.py}.txt
`);
    expect(Object.keys(steps)).toEqual([
      'test-linux-3_9-cfg0',
      'test-linux-3_10-cfg0',
      'test-mac-3_9-cfg0',
      'test-mac-3_10-cfg0',
    ]);
    expect(steps['test-mac-3_10-cfg0']?.run).toBe('echo mac 3.10 true > out/mac-3.10.txt');
    expect(steps['test-mac-3_10-cfg0']?.description).toBe('DVC stage test@mac-3.10-cfg0');
  });

  it('5. vars and params.yaml: literal vars are pasted, params-file values become typed params read through their variable', () => {
    const { pipeline, steps, warnings, file } = imported(
      `vars:
  - config.yaml:paths
  - greeting: hello
stages:
  train:
    cmd: python3 train.py --lr \${train.lr} --epochs \${train.epochs} --tag "run-\${tag}" '\${train.lr}' \${greeting} \${paths.out}
    deps: [train.py]
    outs:
      - \${paths.out}
`,
      {
        'params.yaml': 'train:\n  lr: 0.5\n  epochs: 10\n  scale: 1.0\ntag: nightly\n',
        'config.yaml': 'paths:\n  out: model.bin\nunused: 1\n',
      },
    );
    expect(pipeline.params).toEqual({
      train_lr: { type: 'number', default: 0.5, description: 'train.lr in params.yaml' },
      train_epochs: { type: 'integer', default: 10, description: 'train.epochs in params.yaml' },
      tag: { type: 'string', default: 'nightly', description: 'tag in params.yaml' },
      paths_out: { type: 'string', default: 'model.bin', description: 'paths.out in config.yaml' },
    });
    expect(steps.train?.run).toBe(
      'python3 train.py --lr "${PW_PARAM_TRAIN_LR}" --epochs "${PW_PARAM_TRAIN_EPOCHS}" --tag "run-${PW_PARAM_TAG}" \'\'"${PW_PARAM_TRAIN_LR}"\'\' hello "${PW_PARAM_PATHS_OUT}"',
    );
    // The path is fixed when imported; the params files the command reads become inputs.
    expect(steps.train?.outputs).toEqual(['model.bin']);
    expect(steps.train?.inputs).toEqual(['train.py', 'params.yaml', 'config.yaml']);
    expect(warnings).toEqual([]);
    expect(file).toMatch(/^# Imported from dvc.yaml/);
  });

  it('6. stage params: keys of params.yaml, a section, and another file with its keys or all of it', () => {
    const { pipeline, steps, warnings } = imported(
      `stages:
  featurize:
    cmd: python3 featurize.py
    deps: [featurize.py]
    params:
      - seed
      - featurize
      - tuning.json: [depth]
      - extra.yaml:
    outs: [features]
`,
      {
        'params.yaml': 'seed: 7\nfeaturize:\n  max_features: 100\n  ngrams: 2\n  stopwords: [a, the]\n',
        'tuning.json': '{"depth": 4, "seed": 1.5}',
        'extra.yaml': 'enabled: true\nseed: 3\n',
      },
    );
    expect(Object.keys(pipeline.params ?? {})).toEqual([
      'seed',
      'featurize_max_features',
      'featurize_ngrams',
      'depth',
      'enabled',
      'extra_seed',
    ]);
    expect(pipeline.params?.enabled).toMatchObject({ type: 'boolean', default: true });
    expect(steps.featurize?.inputs).toEqual(['featurize.py', 'params.yaml', 'tuning.json', 'extra.yaml']);
    expect(warnings.map((warning) => [warning.line, warning.message.split(':')[0]])).toEqual([
      [6, 'the command reads params.yaml, tuning.json, extra.yaml itself'],
      [7, 'featurize.stopwords in params.yaml is a list or empty'],
    ]);
  });

  it('7. metrics and plots with cache: false: outputs, JSON metrics tracked, each option a warning at its line', () => {
    const { steps, warnings } = imported(`stages:
  evaluate:
    cmd: python3 evaluate.py
    deps: [model.pkl]
    metrics:
      - eval/metrics.json:
          cache: false
      - eval/summary.yaml
    plots:
      - eval/roc.csv:
          cache: false
          x: fpr
          y: tpr
`);
    expect(steps.evaluate).toMatchObject({
      outputs: ['eval/metrics.json', 'eval/summary.yaml', 'eval/roc.csv'],
      metrics: ['eval/metrics.json'],
    });
    expect(warnings.map((warning) => [warning.line, warning.path.join('.')])).toEqual([
      [7, 'stages.evaluate.metrics.0.eval/metrics.json.cache'],
      [8, 'stages.evaluate.metrics.1'],
      [11, 'stages.evaluate.plots.0.eval/roc.csv.cache'],
      [12, 'stages.evaluate.plots.0.eval/roc.csv.x'],
      [13, 'stages.evaluate.plots.0.eval/roc.csv.y'],
    ]);
    expect(warnings[0]?.message).toContain('cache: false');
  });

  it('8. wdir and a list cmd: one run that changes folder, paths made relative to the workspace', () => {
    const { steps, edges } = imported(
      `stages:
  build:
    wdir: ml
    cmd:
      - python3 make.py
      - echo done; echo twice
    deps: [make.py, ../data/in.csv]
    outs: [built]
  use:
    cmd: cat ml/built/x
    deps: [ml/built]
`,
      {},
      'dvc.yaml',
    );
    expect(steps.build).toMatchObject({
      run: 'cd ml && python3 make.py && ( echo done; echo twice )',
      inputs: ['ml/make.py', 'data/in.csv'],
      outputs: ['ml/built'],
    });
    expect(edges).toEqual(['build->use']);
  });

  it("9. a dvc.yaml in a subfolder: paths and params.yaml are its folder's", () => {
    const { steps, pipeline } = imported(
      `stages:
  a:
    cmd: echo \${n} > a.txt
    outs: [a.txt]
`,
      { 'proj/params.yaml': 'n: 2\n' },
      'proj/dvc.yaml',
    );
    expect(steps.a).toMatchObject({
      run: 'cd proj && echo "${PW_PARAM_N}" > a.txt',
      outputs: ['proj/a.txt'],
      inputs: ['proj/params.yaml'],
    });
    expect(pipeline.params?.n).toMatchObject({ type: 'integer', default: 2 });
  });

  it('10. frozen: the step is kept, runs only when its unfreeze param is set, and says so', () => {
    const { pipeline, steps, warnings } = imported(`stages:
  download:
    cmd: curl -o raw.csv https://example.com/raw.csv
    outs: [raw.csv]
    frozen: true
`);
    expect(pipeline.params?.unfreeze_download).toEqual({
      type: 'boolean',
      default: false,
      description: 'Run the frozen DVC stage download',
    });
    expect(steps.download?.run).toBe(
      'if [ "${PW_PARAM_UNFREEZE_DOWNLOAD}" = true ]; then\ncurl -o raw.csv https://example.com/raw.csv\nelse\necho \'DVC stage download is frozen: its outputs are used as they are (-p unfreeze_download=true runs it)\'\nfi',
    );
    expect(warnings.map((warning) => warning.line)).toEqual([5]);
  });

  it("11. foreach over a params.yaml list: expanded with today's values, and says so", () => {
    const { steps, warnings } = imported(
      `stages:
  fit:
    foreach: \${models}
    do:
      cmd: echo \${item}
`,
      { 'params.yaml': 'models: [tree, linear]\n' },
    );
    expect(Object.keys(steps)).toEqual(['fit-tree', 'fit-linear']);
    expect(warnings.map((warning) => `${warning.line}: ${warning.message}`)).toEqual([
      '2: fit is expanded with the values its foreach/matrix reads now: import again after they change',
    ]);
  });

  it("12. stage-level vars: literal values and a file of the stage's folder, which the command reads as params", () => {
    const { steps, pipeline, warnings } = imported(
      `stages:
  score:
    wdir: model
    vars:
      - limits.yaml
      - mode: quick
    cmd: python3 score.py --mode \${mode} --max \${max}
    outs:
      - score.txt
`,
      { 'model/limits.yaml': 'max: 9\n' },
    );
    expect(steps.score).toMatchObject({
      run: 'cd model && python3 score.py --mode quick --max "${PW_PARAM_MAX}"',
      inputs: ['model/limits.yaml'],
      outputs: ['model/score.txt'],
    });
    expect(pipeline.params).toEqual({ max: { type: 'integer', default: 9, description: 'max in model/limits.yaml' } });
    expect(warnings).toEqual([]);
  });
});
