import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerEngines, DockerHostError, connectDockerHost, copiesFiles } from './docker-hosts.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-hosts-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the engine of an environment', () => {
  it('copies files for a remote host and on request, binds them otherwise', () => {
    expect(copiesFiles({ runner: 'docker', docker_host: 'tcp://gpu:2375' })).toBe(true);
    expect(copiesFiles({ runner: 'docker', transfer: 'copy' })).toBe(true);
    expect(copiesFiles({ runner: 'docker' })).toBe(false);
  });

  it('connects over TLS with key files outside the workspace', () => {
    const keys = folder();
    for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(keys, name), `${name}\n`);
    const docker = connectDockerHost(folder(), 'gpu', {
      docker_host: 'tcp://gpu.lab:2376',
      tls: { ca: join(keys, 'ca.pem'), cert: join(keys, 'cert.pem'), key: join(keys, 'key.pem') },
    });
    expect(docker.modem).toMatchObject({ protocol: 'https', host: 'gpu.lab', port: 2376 });
    expect(String((docker.modem as unknown as { key: Buffer }).key)).toBe('key.pem\n');
  });

  it('refuses key files inside the workspace, and names an unreadable one', () => {
    const root = folder();
    writeFileSync(join(root, 'key.pem'), 'secret');
    const inside = {
      docker_host: 'tcp://gpu.lab:2376',
      tls: { ca: join(root, 'key.pem'), cert: join(root, 'key.pem'), key: join(root, 'key.pem') },
    };
    expect(() => connectDockerHost(root, 'gpu', inside)).toThrow(
      /environments\.gpu\.tls\.ca: .* is inside the workspace/,
    );
    const missing = {
      docker_host: 'tcp://gpu.lab:2376',
      tls: { ca: '/nonexistent/ca.pem', cert: '/nonexistent/c.pem', key: '/nonexistent/k.pem' },
    };
    expect(() => connectDockerHost(root, 'gpu', missing)).toThrow(DockerHostError);
    expect(() => connectDockerHost(root, 'gpu', missing)).toThrow(
      /tls\.ca: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/,
    );
  });

  it('dials ssh hosts as their user, plain tcp without TLS', () => {
    const ssh = connectDockerHost(folder(), 'gpu', { docker_host: 'ssh://ops@gpu.lab:2222' });
    expect(ssh.modem).toMatchObject({ protocol: 'ssh', host: 'gpu.lab', port: 2222, username: 'ops' });
    expect(connectDockerHost(folder(), 'gpu', { docker_host: 'tcp://10.0.0.5:2375' }).modem).toMatchObject({
      protocol: 'http',
      host: '10.0.0.5',
      port: 2375,
    });
  });

  it('uses the local client for local environments and one client per remote host', () => {
    const local = new Docker({ socketPath: '/nonexistent.sock' });
    const engines = new DockerEngines(folder(), local);
    const specs = {
      here: { runner: 'docker' as const },
      a: { runner: 'docker' as const, docker_host: 'tcp://gpu.lab:2375' },
      b: { runner: 'docker' as const, docker_host: 'tcp://gpu.lab:2375' },
      broken: {
        runner: 'docker' as const,
        docker_host: 'tcp://other:2376',
        tls: { ca: '/nonexistent', cert: '/nonexistent', key: '/nonexistent' },
      },
      process: { runner: 'local' as const },
    };
    expect(engines.of('here', specs.here)).toBe(local);
    expect(engines.of('a', specs.a)).toBe(engines.of('b', specs.b));
    expect(engines.distinct(specs).map(({ where }) => where)).toEqual(['the local engine', 'tcp://gpu.lab:2375']);
  });

  it('names the environment and host of an engine that does not answer', async () => {
    const engines = new DockerEngines(folder(), new Docker({ socketPath: '/nonexistent.sock' }));
    const check = await engines.check('gpu', { runner: 'docker', docker_host: 'tcp://127.0.0.1:9' }, 2000);
    expect(check).toMatchObject({
      available: false,
      message: expect.stringContaining('environment gpu at tcp://127.0.0.1:9 is not reachable'),
    });
  });
});
