/**
 * Tests that need a facility this machine may lack (an etcd binary, root, Docker, Chromium) declare it
 * here. Without the facility the test is skipped with a printed reason — except in CI (`CI=true`),
 * where a missing facility is a failure, so CI never passes by skipping.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { LIBFAKETIME } from '../../src/runtimes/local-clock.js';
import { powerLossUnavailable } from '../../src/runtimes/powerloss-fs.js';

export interface Facility {
  /** Short name, e.g. "etcd". */
  name: string;
  /** Returns undefined when available, else the reason it is not. */
  missing(): string | undefined;
}

/** True when `cmd` is found on PATH. */
export function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const etcdFacility: Facility = {
  name: 'etcd',
  missing: () => (onPath('etcd') ? undefined : 'etcd is not installed (apt-get install etcd-server)'),
};

/** A Python 3 interpreter, for the example client in examples/etcd-python. */
export const python3Facility: Facility = {
  name: 'python3',
  missing: () => (onPath('python3') ? undefined : 'python3 is not installed (apt-get install python3)'),
};

/** Debian's redis-server (it runs Sentinel too, with --sentinel). */
export const redisFacility: Facility = {
  name: 'redis',
  missing: () => (onPath('redis-server') ? undefined : 'redis-server is not installed (apt-get install redis-server)'),
};

/** Debian's chromium, driven by playwright-core in the report's browser tests. */
export const chromiumFacility: Facility = {
  name: 'chromium',
  missing: () => (existsSync('/usr/bin/chromium') ? undefined : '/usr/bin/chromium is missing (apt-get install chromium)'),
};

/** Debian's libfaketime, preloaded by the local runtime to skew a dynamically linked node's clock. */
export const libfaketimeFacility: Facility = {
  name: 'libfaketime',
  missing: () => (existsSync(LIBFAKETIME) ? undefined : `${LIBFAKETIME} is missing (apt-get install faketime)`),
};

/** The powerloss-fs helper (built by npm install when fuse3 and libfuse3-dev are present) and a usable /dev/fuse. */
export const powerLossFacility: Facility = {
  name: 'powerloss-fs',
  missing: () => powerLossUnavailable(),
};

export const rootFacility: Facility = {
  name: 'root',
  missing: () => (process.getuid?.() === 0 ? undefined : 'not running as root'),
};

/** What the netns runtime needs: root, iproute2 and iptables. */
export const netnsFacilities: Facility[] = [
  rootFacility,
  { name: 'iproute2', missing: () => (onPath('ip') ? undefined : 'ip is not installed (apt-get install iproute2)') },
  { name: 'iptables', missing: () => (onPath('iptables') ? undefined : 'iptables is not installed (apt-get install iptables)') },
];

/** What the ssh runtime's tests need: root (sshd runs in network namespaces), sshd and ssh, iproute2, iptables. */
export const sshFacility: Facility = {
  name: 'sshd',
  missing: () =>
    process.getuid?.() !== 0
      ? 'not running as root (the ssh tests start sshd in network namespaces)'
      : !existsSync('/usr/sbin/sshd') || !onPath('ssh') || !onPath('ssh-keygen')
        ? 'sshd or ssh is not installed (apt-get install openssh-server openssh-client)'
        : !onPath('ip') || !onPath('iptables')
          ? 'ip or iptables is not installed (apt-get install iproute2 iptables)'
          : undefined,
};
/** True when the Docker engine DOCKER_HOST names (or the local socket) answers. */
function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the docker runtime's tests need: a reachable Docker engine on this host, root (the tests look
 * at node processes and the engine's socket), iptables on this host (copied into the holder image).
 */
export const dockerFacilities: Facility[] = [
  rootFacility,
  { name: 'docker', missing: () => (!onPath('docker') ? 'docker is not installed (apt-get install docker.io)' : dockerAnswers() ? undefined : 'the Docker engine does not answer (start dockerd or set DOCKER_HOST)') },
  { name: 'iptables', missing: () => (onPath('iptables') ? undefined : 'iptables is not installed (apt-get install iptables)') },
];

/**
 * `describe` that runs only when every facility is present. Otherwise prints why and skips, or in
 * CI registers one failing test naming what is missing.
 */
export function describeWith(facilities: Facility[], name: string, body: () => void): void {
  const reasons = facilities.map((f) => f.missing()).filter((r): r is string => r !== undefined);
  if (reasons.length === 0) {
    describe(name, body);
    return;
  }
  const why = reasons.join('; ');
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the facilities it needs', () => {
        throw new Error(`missing facility in CI: ${why}`);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${why}`);
    describe.skip(name, body);
  }
}
