/**
 * Hosts for the ssh runtime's tests, on this machine: N network namespaces on a bridge (the netns
 * runtime's network, netns-net.ts), each running its own `sshd` that listens on the namespace's
 * address only, with host keys, a client key and authorized_keys generated into a temp dir
 * (`StrictModes no`, root login by key only). The runtime options that reach them — hosts, identity,
 * a known_hosts file of their own, a work dir in the temp dir — come with them. `down()` stops each sshd by PID and removes the
 * network and the temp dir; `startSshHosts` does so itself when it fails half way. Tests declare what
 * it needs with `sshFacility` (facility.ts); bench/runtimes.ts uses it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createNetwork, planNetwork, removeNetwork } from '../../src/runtimes/netns-net.js';

export interface SshHosts {
  /** Each host's address (one per node). */
  addresses: string[];
  /** `--runtime-opt` values that reach them. */
  options: Record<string, string>;
  /** The same as `--runtime-opt key=value` arguments. */
  cliArgs: string[];
  /** Namespace of each host. */
  namespaces: string[];
  down(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `count` sshd hosts; resolves once each accepts a login. */
export async function startSshHosts(count: number): Promise<SshHosts> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-sshd-'));
  const procs: ChildProcess[] = [];
  const { rec, addresses } = await planNetwork(count);
  const down = async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null && p.pid) process.kill(p.pid, 'SIGKILL');
    await Promise.all(procs.map((p) => (p.exitCode !== null || p.signalCode !== null ? null : new Promise((r) => p.once('exit', r)))));
    await removeNetwork(rec);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await createNetwork(rec, addresses);
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
    await execa('cp', [join(dir, 'id.pub'), join(dir, 'authorized_keys')]);
    mkdirSync(join(dir, 'home'));
    rec.namespaces.forEach((ns, i) => {
      const config = join(dir, `sshd-${i}.conf`);
      writeFileSync(
        config,
        [
          `ListenAddress ${addresses[i]}`,
          `HostKey ${join(dir, 'host_key')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          `PidFile ${join(dir, `sshd-${i}.pid`)}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'StrictModes no',
          'UsePAM no',
          'MaxSessions 100',
          'MaxStartups 100',
          // A HOME of its own, so that every ssh command does not run the login user's ~/.bashrc (on this
          // machine root's starts pyenv: 0.5–2 s per command, which the tests would spend hundreds of times).
          `SetEnv HOME=${join(dir, 'home')}`,
          '',
        ].join('\n'),
      );
      procs.push(spawn('ip', ['netns', 'exec', ns, '/usr/sbin/sshd', '-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] }));
    });
    const options = {
      hosts: addresses.map((a) => `root@${a}`).join(','),
      identity: join(dir, 'id'),
      'known-hosts': 'accept-new',
      'known-hosts-file': join(dir, 'known_hosts'),
      'work-dir': join(dir, 'work'),
    };
    for (const a of addresses) {
      for (let i = 0; ; i++) {
        const r = await execa('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${options['known-hosts-file']}`, '-i', options.identity, `root@${a}`, 'true'], { reject: false, stdin: 'ignore' });
        if (r.exitCode === 0) break;
        if (i >= 100) throw new Error(`sshd on ${a} does not accept logins: ${r.stderr}`);
        await sleep(100);
      }
    }
    const cliArgs = Object.entries(options).flatMap(([k, v]) => ['--runtime-opt', `${k}=${v}`]);
    return { addresses, options, cliArgs, namespaces: rec.namespaces, down };
  } catch (e) {
    await down();
    throw e;
  }
}
