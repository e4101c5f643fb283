// CI configurations that run a workspace's pipelines on every push and pull (merge) request:
// install the Pipewright CLI from npm (the version that wrote the file, so CI runs what was
// tried here), run each pipeline with --junit, publish the reports, and fail the job when a
// step or an error test fails (`pipewright run` exits 1; warnings exit 0).
import { stringify } from 'yaml';

export interface CiConfigInput {
  /** Pipeline names, in the order they run. */
  pipelines: string[];
  environment: string | null;
  /** The environment runs steps in Docker containers: the job needs a Docker engine. */
  needsDocker: boolean;
  /** The npm package spec that installs the CLI (pipewright@0.1.0). */
  cliPackage: string;
}

export const REPORTS_DIR = 'pipewright-reports';
const NODE_VERSION = '20';

/** The commands a CI job runs, in order, the same for every CI system. */
export function ciCommands(input: CiConfigInput): string[] {
  const env = input.environment !== null ? ` --env ${input.environment}` : '';
  return [
    `npm install --global ${input.cliPackage}`,
    'pipewright validate',
    ...input.pipelines.map((name) => `pipewright run ${name}${env} --quiet --junit ${REPORTS_DIR}/${name}.xml`),
  ];
}

export function githubActionsConfig(input: CiConfigInput): string {
  const [install, validate, ...runs] = ciCommands(input);
  const config = {
    name: 'Pipewright',
    on: { push: {}, pull_request: {} },
    permissions: { contents: 'read' },
    jobs: {
      pipelines: {
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: 'actions/checkout@v4' },
          { uses: 'actions/setup-node@v4', with: { 'node-version': NODE_VERSION } },
          { name: 'Install Pipewright', run: install },
          { name: 'Validate the workspace', run: validate },
          ...input.pipelines.map((name, index) => ({ name: `Run ${name}`, run: runs[index] })),
          {
            name: 'Publish the JUnit reports',
            // The reports of failed runs matter most.
            if: 'always()',
            uses: 'actions/upload-artifact@v4',
            with: { name: 'pipewright-junit', path: `${REPORTS_DIR}/*.xml`, 'if-no-files-found': 'ignore' },
          },
        ],
      },
    },
  };
  return `# Written by pipewright export github-actions: runs the pipelines on every push and pull request.\n${stringify(config, { lineWidth: 0 })}`;
}

export function gitlabCiConfig(input: CiConfigInput): string {
  const docker = input.needsDocker
    ? { services: ['docker:dind'], variables: { DOCKER_HOST: 'tcp://docker:2375', DOCKER_TLS_CERTDIR: '' } }
    : {};
  const config = {
    workflow: {
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
        // A push to a branch with an open merge request runs once, as the merge request's pipeline.
        { if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS', when: 'never' },
        { if: '$CI_COMMIT_BRANCH' },
      ],
    },
    pipewright: {
      image: `node:${NODE_VERSION}-bookworm`,
      ...docker,
      script: ciCommands(input),
      artifacts: {
        when: 'always',
        reports: { junit: `${REPORTS_DIR}/*.xml` },
        paths: [`${REPORTS_DIR}/`],
      },
    },
  };
  return `# Written by pipewright export gitlab-ci: runs the pipelines on every push and merge request.\n${stringify(config, { lineWidth: 0 })}`;
}
