/**
 * The netns runtime's network: a bridge of its own with an address for the harness (clients reach the
 * nodes through it), and per node a network namespace joined to the bridge by a veth pair, with its own
 * address. Names are unique per run and short (Linux interface names are at most 15 characters):
 * `fl<6 hex>b` for the bridge, `fl<6 hex>v<i>` for the host end of node i's veth, `fl<6 hex>n<i>` for
 * its namespace. The subnet is a 10.x.y.0/24 no interface of this host uses yet. Each namespace caps
 * TCP's retransmission backoff (RTO_MAX_MS).
 *
 * When the FORWARD policy of the host's firewall is DROP (Docker sets it so) bridged traffic between
 * namespaces is dropped, so an ACCEPT rule for the bridge goes in front of it. Everything is named in
 * the run's record (`NetnsRecord`, in pids.json) before it is created, so that `removeNetwork` — at
 * teardown, or from `faultline cleanup` after a SIGKILLed harness — finds all of it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { execa } from 'execa';

/**
 * TCP's retransmission backoff is capped at 1 s in the nodes' namespaces (Linux ≥ 6.15; default 120 s):
 * a link healed after a long cut or total loss then carries its stalled connections' traffic again
 * within a second, instead of after the doubling timer's next turn (tens of seconds).
 */
const RTO_MAX = '/proc/sys/net/ipv4/tcp_rto_max_ms';
const RTO_MAX_MS = 1000;

/** What a netns run creates on the host, recorded before it is created. */
export interface NetnsRecord {
  bridge: string;
  /** The bridge's address with its prefix (`10.131.7.1/24`). */
  bridgeAddress: string;
  namespaces: string[];
  /** Host ends of the veth pairs (deleting a namespace deletes its pair, these go in any case). */
  veths: string[];
  /** The FORWARD rule's arguments, when the host's FORWARD policy needed one. */
  forwardRule?: string[];
}

/** Runs a command (with `input` on its stdin), throwing its stderr in one line when it fails. */
export async function sh(cmd: string, args: readonly string[], input?: string): Promise<string> {
  const r = await execa(cmd, args, { reject: false, ...(input === undefined ? { stdin: 'ignore' as const } : { input }) });
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${String(r.stderr).trim().split('\n')[0] ?? `exit ${r.exitCode}`}`);
  return String(r.stdout);
}

/** Runs a command for its exit code only. */
async function succeeds(cmd: string, args: readonly string[]): Promise<boolean> {
  return (await execa(cmd, args, { reject: false, stdin: 'ignore' })).exitCode === 0;
}

/** A fresh layout for `count` nodes: names and a 10.x.y.0/24 subnet not in use on this host. */
export async function planNetwork(count: number): Promise<{ rec: NetnsRecord; addresses: string[] }> {
  const id = randomBytes(3).toString('hex');
  const used = await sh('ip', ['-4', '-o', 'addr', 'show']);
  let prefix = '';
  for (let i = 0; i < 100 && (prefix === '' || used.includes(` ${prefix}.`)); i++) prefix = `10.${randomInt(128, 192)}.${randomInt(0, 256)}`;
  const fwd = await sh('iptables', ['-w', '-S', 'FORWARD']);
  const rec: NetnsRecord = {
    bridge: `fl${id}b`,
    bridgeAddress: `${prefix}.1/24`,
    namespaces: Array.from({ length: count }, (_, i) => `fl${id}n${i + 1}`),
    veths: Array.from({ length: count }, (_, i) => `fl${id}v${i + 1}`),
  };
  if (/^-P FORWARD DROP$/m.test(fwd)) rec.forwardRule = ['FORWARD', '-i', rec.bridge, '-o', rec.bridge, '-j', 'ACCEPT'];
  return { rec, addresses: Array.from({ length: count }, (_, i) => `${prefix}.${i + 11}`) };
}

/** Creates the bridge, the namespaces and their links (the record must already name them). */
export async function createNetwork(rec: NetnsRecord, addresses: readonly string[]): Promise<void> {
  await sh('ip', ['link', 'add', rec.bridge, 'type', 'bridge']);
  await sh('ip', ['addr', 'add', rec.bridgeAddress, 'dev', rec.bridge]);
  await sh('ip', ['link', 'set', rec.bridge, 'up']);
  if (rec.forwardRule) await sh('iptables', ['-w', '-I', ...rec.forwardRule]);
  // The namespaces are independent of each other: set them up side by side.
  await Promise.all(rec.namespaces.map((ns, i) => createHost(rec, ns, rec.veths[i]!, addresses[i]!)));
}

/** One node's namespace, joined to the bridge by its veth pair, with its address. */
async function createHost(rec: NetnsRecord, ns: string, veth: string, address: string): Promise<void> {
  await sh('ip', ['netns', 'add', ns]);
  await sh('ip', ['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
  await sh('ip', ['link', 'set', veth, 'master', rec.bridge, 'up']);
  await sh('ip', ['-n', ns, '-batch', '-'], `addr add ${address}/24 dev eth0\nlink set eth0 up\nlink set lo up\n`);
  if (existsSync(RTO_MAX)) await sh('ip', ['netns', 'exec', ns, 'sh', '-c', `echo ${RTO_MAX_MS} > ${RTO_MAX}`]);
}

/**
 * Removes whatever of `rec` exists (run once the nodes are gone): namespaces (their iptables rules go
 * with them), veths, the bridge, the FORWARD rule. Returns what it removed, each named.
 */
export async function removeNetwork(rec: NetnsRecord): Promise<string[]> {
  const removed: string[] = [];
  const namespaces = new Set((await sh('ip', ['netns', 'list'])).split('\n').map((l) => l.split(' ')[0]));
  for (const ns of rec.namespaces) {
    if (namespaces.has(ns) && (await succeeds('ip', ['netns', 'del', ns]))) removed.push(`netns ${ns}`);
  }
  for (const link of [...rec.veths, rec.bridge]) {
    if ((await succeeds('ip', ['link', 'show', 'dev', link])) && (await succeeds('ip', ['link', 'del', link]))) removed.push(`link ${link}`);
  }
  if (rec.forwardRule) {
    while ((await succeeds('iptables', ['-w', '-C', ...rec.forwardRule])) && (await succeeds('iptables', ['-w', '-D', ...rec.forwardRule]))) {
      removed.push(`iptables rule ${rec.forwardRule.join(' ')}`);
    }
  }
  return removed;
}
