/**
 * What the ssh runtime asks of its hosts before anything starts: that each is reachable and has the
 * target's program (a binary on its PATH, or `node` for a Node script uploaded later), said in one
 * line naming the host and what to install there; and the address each host is reached at, after the
 * user's ssh config (`ssh -G`: a host alias names its real HostName), resolved.
 */
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { hostProgramMissing } from './host-program.js';
import { connect } from './ssh-cleanup.js';
import type { SshHost } from './ssh-conn.js';
import type { SshOptions, SshTarget } from './ssh-options.js';
import { shellCommand } from './ssh-quote.js';

/** What `hosts` lack to run `target`'s program, in one line, or undefined. */
export async function hostsMissing<O>(hosts: readonly SshHost[], target: Target<O>, opts: O): Promise<string | undefined> {
  const program = target.program(opts);
  if (program.kind === 'node-script') {
    const local = hostProgramMissing(target.name, program);
    if (local) return local;
  }
  const name = program.kind === 'binary' ? program.name : 'node';
  const answers = await Promise.all(
    hosts.map(async (h) => {
      try {
        return { h, found: (await h.try(`command -v ${shellCommand([name])}`)).code === 0 };
      } catch (e) {
        return { h, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  const unreachable = answers.find((a) => 'error' in a);
  if (unreachable && 'error' in unreachable) return `cannot reach ${unreachable.h.label} (${unreachable.error}); check the host, --runtime-opt user/identity/config and known_hosts`;
  const without = answers.find((a) => 'found' in a && !a.found);
  if (!without) return undefined;
  if (program.kind === 'node-script') return `node is not installed on ${without.h.label} (target ${target.name} runs on Node.js 20); install it there with \`sudo apt-get install nodejs\``;
  return `${target.name} is not installed on ${without.h.label}: ${program.name} is not on its PATH; install it there with \`sudo apt-get install ${program.debianPackage}\``;
}

/** The address peers and clients reach `t` at: its HostName after the user's ssh config, resolved. */
export async function addressOf(t: SshTarget, clientArgs: readonly string[]): Promise<string> {
  if (isIP(t.host)) return t.host;
  const g = await execa('ssh', [...clientArgs, '-G', t.host], { reject: false, stdin: 'ignore' });
  const name = /^hostname (\S+)$/m.exec(String(g.stdout))?.[1] ?? t.host;
  if (isIP(name)) return name;
  try {
    return (await lookup(name, { family: 4 })).address;
  } catch {
    throw new UserError(`--runtime-opt hosts: cannot resolve ${name} to an IPv4 address`);
  }
}

/** Connects to the hosts of `o` for one task, closing the connections and their directory after it. */
export async function withHosts<T>(o: SshOptions, task: (hosts: SshHost[]) => Promise<T>): Promise<T> {
  const controlDir = mkdtempSync(join(tmpdir(), 'fl-ssh-'));
  const hosts = connect({ options: o }, controlDir);
  try {
    return await task(hosts);
  } finally {
    await Promise.all(hosts.map((h) => h.close()));
    rmSync(controlDir, { recursive: true, force: true });
  }
}
