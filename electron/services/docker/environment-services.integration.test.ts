// Service containers against a real engine: each is inspected for the secure defaults step
// containers have (every capability dropped, no new privileges, memory and process limits), and
// the processes inside report them too; what a service asks for (cap_add, resources, read_only)
// is what it gets, and a changed service is recreated rather than left running as it was.
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentSpec, ServiceSpec } from '../../../shared/pipeline/schema.js';
import { BUSYBOX_IMAGE, docker, dockerMissing } from '../../testing/docker-support.js';
import { tempWorkspace } from '../../testing/temp-workspace.js';
import type { TempWorkspace } from '../../testing/temp-workspace.js';
import { serviceContainerName } from './docker-names.js';
import { EnvironmentProvisioner } from './environment-provisioner.js';

const inCI = process.env.CI === 'true';
let workspace: TempWorkspace | undefined;
let provisioner: EnvironmentProvisioner | undefined;

afterEach(async () => {
  if (provisioner) await provisioner.down('lab', () => undefined);
  workspace?.remove();
  provisioner = undefined;
  workspace = undefined;
});

/** A service that prints what its main process may do, then stays up until it is healthy and beyond. */
const PROBE =
  'grep -E "^(CapEff|NoNewPrivs)" /proc/self/status; touch /probe-root 2>/dev/null && echo root-writable || echo root-read-only; mkdir -p /tmp && echo ready > /tmp/ready; sleep 3600';

async function up(services: Record<string, ServiceSpec>): Promise<EnvironmentProvisioner> {
  workspace ??= tempWorkspace({});
  const spec: EnvironmentSpec = { runner: 'docker', image: BUSYBOX_IMAGE, services };
  provisioner = new EnvironmentProvisioner(docker, workspace.root, { lab: spec });
  await provisioner.up('lab', () => undefined, new AbortController().signal);
  return provisioner;
}

const healthy = { command: 'test -f /tmp/ready', interval: '100ms', retries: 100 };
const inspect = (service: string) =>
  docker.getContainer(serviceContainerName({ root: workspace?.root ?? '', environment: 'lab' }, service)).inspect();

const suiteTitle =
  dockerMissing !== null && !inCI ? `service containers (skipped: ${dockerMissing})` : 'service containers';
describe.skipIf(dockerMissing !== null && !inCI)(suiteTitle, () => {
  it('has a Docker engine and the test images (required in CI)', () => {
    expect(dockerMissing).toBeNull();
  });

  it('runs a service with every capability dropped, no new privileges, and memory and process limits', async () => {
    const lab = await up({ probe: { image: BUSYBOX_IMAGE, command: PROBE, healthcheck: healthy } });
    const { HostConfig } = await inspect('probe');
    expect(HostConfig.CapDrop).toEqual(['ALL']);
    expect(HostConfig.CapAdd ?? []).toEqual([]);
    expect(HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(HostConfig.Privileged).toBe(false);
    expect(HostConfig.Memory).toBe(2 * 1024 ** 3);
    expect(HostConfig.PidsLimit).toBe(1024);
    expect(HostConfig.ReadonlyRootfs).toBe(false);
    expect(HostConfig.Binds ?? []).toEqual([]);
    const logs = await lab.serviceLogs('lab', 'probe');
    expect(logs).toMatch(/CapEff:\s+0000000000000000/);
    expect(logs).toMatch(/NoNewPrivs:\s+1/);
  });

  it('gives a service the capabilities, limits and read-only root it asks for, and recreates it when they change', async () => {
    await up({ probe: { image: BUSYBOX_IMAGE, command: PROBE, healthcheck: healthy } });
    const before = await inspect('probe');
    const lab = await up({
      probe: {
        image: BUSYBOX_IMAGE,
        command: PROBE,
        healthcheck: healthy,
        cap_add: ['CHOWN', 'SETUID'],
        resources: { memory: '256m', pids: 64, cpus: 0.5 },
        read_only: true,
      },
    });
    const after = await inspect('probe');
    expect(after.Id).not.toBe(before.Id);
    expect(after.HostConfig.CapDrop).toEqual(['ALL']);
    expect([...(after.HostConfig.CapAdd ?? [])].sort()).toEqual(['CHOWN', 'SETUID']);
    expect(after.HostConfig).toMatchObject({
      Memory: 256 * 1024 ** 2,
      PidsLimit: 64,
      NanoCpus: 5e8,
      ReadonlyRootfs: true,
    });
    expect(Object.keys(after.HostConfig.Tmpfs ?? {}).sort()).toEqual(['/run', '/tmp']);
    const logs = await lab.serviceLogs('lab', 'probe');
    // CHOWN is bit 0, SETUID bit 7.
    expect(logs).toMatch(/CapEff:\s+0000000000000081/);
    expect(logs).toContain('root-read-only');
  });

  it('says which capabilities to give back when a service stops for lack of one', async () => {
    await expect(
      up({
        db: { image: BUSYBOX_IMAGE, command: 'mkdir -p /data && chown 999 /data && sleep 3600', healthcheck: healthy },
      }),
    ).rejects.toThrow(
      /service db stopped .*Operation not permitted.*cap_add: in pipewright\.yaml at environments\.lab\.services\.db/,
    );
  });
});
