// The git channels of the contract, over the open workspace's repository.
import type { Channel } from '../../../shared/ipc/contract.js';
import type { ConflictChoice } from '../../../shared/git/pipeline-merge.js';
import type { ContractHandlers } from './contract-dispatcher.js';
import type { StudioGit } from './studio-git.js';

type GitChannel = Extract<Channel, `git:${string}`>;

export function gitHandlers(git: () => StudioGit): Pick<ContractHandlers, GitChannel> {
  return {
    'git:status': () => git().overview(),
    'git:init': () => git().init(),
    'git:stage': ({ paths }) =>
      git()
        .call((repository) => repository.stage(paths))
        .then(() => null),
    'git:unstage': ({ paths }) =>
      git()
        .call((repository) => repository.unstage(paths))
        .then(() => null),
    'git:commit': async ({ message, all }) => ({
      commit: await git().call((repository) => repository.commit(message, { all: all ?? false })),
    }),
    'git:log': ({ path, ref, limit }) =>
      git().call(
        (repository) => repository.log({ limit: limit ?? 200, ...(path ? { path } : {}), ...(ref ? { ref } : {}) }),
        false,
      ),
    'git:commit-files': ({ ref }) => git().commitFiles(ref),
    'git:show-pipeline': ({ ref, name }) => git().pipelineAt(ref, name),
    'git:restore': ({ path, ref, force }) =>
      git()
        .call((repository) => repository.restore(path, ref, force ?? false))
        .then(() => null),
    'git:branches': () => git().branches(),
    'git:create-branch': ({ name, from, switch: andSwitch, carry }) =>
      git().call(async (repository) => {
        await repository.createBranch(name, from ?? null);
        return andSwitch
          ? repository.switchBranch(name, { carry: carry ?? false })
          : { switched: false, dirty: { carried: [], blocking: [], staged: [] } };
      }),
    'git:switch': ({ name, carry }) => git().call((repository) => repository.switchBranch(name, { carry })),
    'git:rename-branch': ({ from, to }) =>
      git()
        .call((repository) => repository.renameBranch(from, to))
        .then(() => null),
    'git:delete-branch': ({ name, force }) =>
      git()
        .call((repository) => repository.deleteBranch(name, force))
        .then(() => null),
    'git:create-tag': ({ name, target, message }) =>
      git()
        .call((repository) => repository.createTag(name, target, message ?? null))
        .then(() => null),
    'git:delete-tag': ({ name }) =>
      git()
        .call((repository) => repository.deleteTag(name))
        .then(() => null),
    'git:merge': ({ branch, carry }) => git().call((repository) => repository.merge(branch, { carry })),
    'git:resolve': (resolution) =>
      git()
        .call((repository) =>
          repository.resolve(
            'choices' in resolution
              ? // cast: zod types the `value` of a 'value' choice (z.unknown()) as optional; absent, it picks undefined
                { path: resolution.path, choices: resolution.choices as Record<string, ConflictChoice> }
              : resolution,
          ),
        )
        .then(() => null),
    'git:complete-merge': async ({ message }) => ({
      commit: await git().call((repository) => repository.completeMerge(message ?? null)),
    }),
    'git:abort-merge': ({ force }) => git().abortMerge(force ?? false),
    'git:diff': ({ from, to, pipeline }) =>
      git().call((repository) => repository.pipelineDiffs(from, to, pipeline), false),
  };
}
