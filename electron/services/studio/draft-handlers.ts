// The contract's side of crash-safe editing: the studio keeps, reads back and drops the open
// pipeline's unsaved edits (see pipeline-drafts.ts).
import type { Channel } from '../../../shared/ipc/contract.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ContractHandlers } from './contract-dispatcher.js';
import { PipelineDrafts } from './pipeline-drafts.js';

type DraftChannel = Extract<Channel, 'draft:save' | 'draft:load' | 'draft:discard'>;

export function draftHandlers(workspace: () => Workspace): Pick<ContractHandlers, DraftChannel> {
  const drafts = () => new PipelineDrafts(workspace().root);
  return {
    'draft:save': ({ name, data, layout, baseHash }) => {
      drafts().save(name, data, layout, baseHash);
      return null;
    },
    'draft:load': ({ name }) => drafts().load(name),
    'draft:discard': ({ name }) => {
      drafts().discard(name);
      return null;
    },
  };
}
