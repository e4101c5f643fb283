// One word for where an environment stands, from its status and what is going on with it.
import type { EnvironmentStatus } from '../../../shared/run/environment-types.js';

export type EnvironmentState = 'local' | 'ready' | 'partial' | 'absent' | 'provisioning' | 'unknown';

export function environmentState(
  status: EnvironmentStatus,
  provisioning: boolean,
  dockerAvailable: boolean,
): EnvironmentState {
  if (status.runner === 'local') return 'local';
  if (provisioning) return 'provisioning';
  if (!dockerAvailable) return 'unknown';
  if (status.ready) return 'ready';
  // An image may be on the machine for other reasons; the rest exists only by provisioning.
  const anything =
    status.network?.present === true ||
    status.volumes.some((volume) => volume.present && volume.mode !== 'mount') ||
    status.services.some((service) => service.state !== 'missing');
  return anything ? 'partial' : 'absent';
}

export const STATE_LABEL: Record<EnvironmentState, string> = {
  local: 'Local',
  ready: 'Ready',
  partial: 'Partly provisioned',
  absent: 'Not provisioned',
  provisioning: 'Provisioning…',
  unknown: 'Docker unavailable',
};
