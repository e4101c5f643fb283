import { describe, expect, it } from 'vitest';
import { formatFieldPath } from './problem.js';
import { validateWorkspaceText } from '../validation/validate.js';

const environment = (lines: string) => `version: 1\nenvironments:\n  big:\n    runner: docker\n    image: x\n${lines}`;
const problemsOf = (lines: string) =>
  validateWorkspaceText('pipewright.yaml', environment(lines)).problems.map((problem) => [
    problem.line,
    formatFieldPath(problem.path),
    problem.code,
  ]);

describe('an environment on a remote Docker host', () => {
  it('accepts a tcp host with its TLS files and an ssh host', () => {
    const tcp = validateWorkspaceText(
      'pipewright.yaml',
      environment(
        '    docker_host: tcp://gpu.lab:2376\n    tls: { ca: ~/.docker/lab/ca.pem, cert: ~/.docker/lab/cert.pem, key: /etc/pw/key.pem }\n',
      ),
    );
    expect(tcp.problems).toEqual([]);
    expect(tcp.spec?.environments?.big).toMatchObject({
      docker_host: 'tcp://gpu.lab:2376',
      tls: { ca: '~/.docker/lab/ca.pem' },
    });
    expect(problemsOf('    docker_host: ssh://ops@gpu.lab\n    transfer: copy\n')).toEqual([]);
    expect(problemsOf('    docker_host: ssh://ops@gpu.lab:2222\n')).toEqual([]);
  });

  it('refuses a host that is neither tcp:// with a port nor ssh:// with a user, naming the line and field', () => {
    expect(problemsOf('    docker_host: gpu.lab\n')).toEqual([[6, 'environments.big.docker_host', 'invalid-value']]);
    expect(problemsOf('    docker_host: tcp://gpu.lab\n')).toEqual([
      [6, 'environments.big.docker_host', 'invalid-value'],
    ]);
    expect(problemsOf('    docker_host: ssh://gpu.lab\n')).toEqual([
      [6, 'environments.big.docker_host', 'invalid-value'],
    ]);
  });

  it('refuses key files given relative to the workspace, and tls without a tcp host', () => {
    expect(
      problemsOf('    docker_host: tcp://gpu.lab:2376\n    tls: { ca: certs/ca.pem, cert: /c.pem, key: /k.pem }\n'),
    ).toEqual([[7, 'environments.big.tls.ca', 'invalid-value']]);
    expect(
      problemsOf('    docker_host: ssh://ops@gpu.lab\n    tls: { ca: /a.pem, cert: /c.pem, key: /k.pem }\n'),
    ).toEqual([[7, 'environments.big.tls', 'docker-tls']]);
  });

  it('refuses bind mounts where the engine cannot see this machine: transfer: mount and mounted data', () => {
    expect(problemsOf('    docker_host: tcp://gpu.lab:2375\n    transfer: mount\n')).toEqual([
      [7, 'environments.big.transfer', 'remote-mount'],
    ]);
    expect(
      problemsOf(
        '    docker_host: tcp://gpu.lab:2375\n    data: [{ source: data/raw }, { source: data/big, mode: sample, rows: 10 }]\n',
      ),
    ).toEqual([[7, 'environments.big.data[0].mode', 'remote-mount']]);
    expect(problemsOf('    transfer: copy\n    data: [{ source: data/raw, mode: mount }]\n')).toEqual([
      [7, 'environments.big.data[0].mode', 'remote-mount'],
    ]);
  });

  it('keeps docker_host, tls and transfer to docker environments', () => {
    const found = validateWorkspaceText(
      'pipewright.yaml',
      'version: 1\nenvironments:\n  dev:\n    docker_host: tcp://gpu.lab:2375\n    transfer: copy\n',
    ).problems;
    expect(found.map((problem) => [problem.line, formatFieldPath(problem.path), problem.code])).toEqual([
      [4, 'environments.dev.docker_host', 'docker-only'],
      [5, 'environments.dev.transfer', 'docker-only'],
    ]);
  });
});
