/**
 * Removing what an ssh run left on its hosts — at the end of teardown, and from `faultline cleanup`
 * after a SIGKILLed harness, going by the record in pids.json (ssh-record.ts): on each host, the
 * recorded node processes still ours (PID and start time) and any process working inside the run's
 * directory, then faultline's iptables chains where the run installed them, then the run's directory.
 * The uploaded program cache stays (the next run reuses it). Hosts are reached as the run reached
 * them, through a control directory of the cleanup's own; the dead harness's is removed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPidRecord } from './pid-record.js';
import type { CleanupReport } from './runtime.js';
import { SshHost, sshClientArgs } from './ssh-conn.js';
import { shellQuote } from './ssh-quote.js';
import type { SshRecord } from './ssh-record.js';
import { killAllScript } from './ssh-scripts.js';

const CHAINS = ['FLCUT', 'FLLOSS', 'FLSEEN'];

/** The prefix of a firewall command on a host: `sudo -n` when the options say so, and the sbin directories on PATH. */
export function rootPrefix(sudo: boolean): string {
  return `${sudo ? 'sudo -n ' : ''}env PATH="$PATH:/usr/sbin:/sbin"`;
}

/** `iptables` on a host (see `rootPrefix`). */
export function iptablesCommand(sudo: boolean): string {
  return `${rootPrefix(sudo)} iptables -w`;
}

/** Removes faultline's chains and their jumps from a host's INPUT chain. */
export function removeChainsScript(sudo: boolean): string {
  const ipt = iptablesCommand(sudo);
  return CHAINS.map((c) => `while ${ipt} -D INPUT -j ${c} 2>/dev/null; do :; done; ${ipt} -F ${c} 2>/dev/null; ${ipt} -X ${c} 2>/dev/null`).join('\n');
}

/** The script that removes from host `i` what the run of `rec` left there; prints `killed <pids>`. */
export function hostCleanupScript(rec: SshRecord, i: number): string {
  return [
    killAllScript(rec.procs.filter((p) => p.host === i), rec.runDir),
    ...(rec.chains.includes(i) ? [removeChainsScript(rec.options.sudo)] : []),
    `rm -rf ${shellQuote(rec.runDir)}`,
  ].join('\n');
}

/** Connections to the hosts of `rec`, through sockets in a fresh directory. */
export function connect(rec: Pick<SshRecord, 'options'>, controlDir: string): SshHost[] {
  const args = sshClientArgs(rec.options, controlDir);
  return rec.options.hosts.map((t) => new SshHost(t, args, rec.options.user));
}

/** Cleans every host of `rec`; resolves with the remote PIDs killed and what was removed, and the hosts it could not reach. */
export async function cleanupHosts(hosts: readonly SshHost[], rec: SshRecord): Promise<{ killed: number[]; removed: string[]; failed: string[] }> {
  const out = { killed: [] as number[], removed: [] as string[], failed: [] as string[] };
  await Promise.all(
    hosts.map(async (h, i) => {
      try {
        const said = await h.sh(hostCleanupScript(rec, i));
        const pids = (/^killed(.*)$/m.exec(said)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
        out.killed.push(...pids);
        out.removed.push(...(rec.chains.includes(i) ? [`iptables chains on ${h.label}`] : []), `${h.label}:${rec.runDir}`);
      } catch (e) {
        out.failed.push(e instanceof Error ? e.message : String(e));
      }
    }),
  );
  return out;
}

/** Synchronous last resort (exit hook): the same, one ssh call per host, each bounded to 10 s. */
export function cleanupHostsNow(rec: SshRecord, controlDir: string): void {
  const args = sshClientArgs(rec.options, controlDir);
  rec.options.hosts.forEach((t, i) => {
    const user = t.user ?? rec.options.user;
    const argv = [...args, ...(user ? ['-l', user] : []), ...(t.port ? ['-p', String(t.port)] : []), t.host, `sh -c ${shellQuote(hostCleanupScript(rec, i))}`];
    spawnSync('ssh', argv, { stdio: 'ignore', timeout: 10_000 });
  });
}

/** `Runtime.cleanup` of the ssh runtime. */
export async function cleanupSshRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec?.ssh) return { dir, killed: [], files: 0, skipped: rec ? 'pids.json has no ssh record' : 'unreadable pids.json' };
  const controlDir = mkdtempSync(join(tmpdir(), 'fl-ssh-'));
  const hosts = connect(rec.ssh, controlDir);
  try {
    const r = await cleanupHosts(hosts, rec.ssh);
    // The dead harness's control sockets: its master connections end by themselves (ControlPersist).
    const left = rec.ssh.controlDir !== undefined && existsSync(rec.ssh.controlDir);
    if (left) rmSync(rec.ssh.controlDir!, { recursive: true, force: true });
    return { dir, killed: r.killed, files: left ? 1 : 0, removed: r.removed, ...(r.failed.length ? { skipped: `could not reach every host: ${r.failed.join('; ')}` } : {}) };
  } finally {
    await Promise.all(hosts.map((h) => h.close()));
    rmSync(controlDir, { recursive: true, force: true });
  }
}
