/**
 * How the external runtime's partition and heal commands are run, and what their placeholders hold.
 * Names here are the cluster file's names. A grudge (runtime.ts) says, per node, the nodes it cannot
 * hear from; the directed link from→to is cut when `grudge[to]` names `from`.
 *
 * `partition` runs in one of three ways, chosen by the placeholders it holds:
 *  - per cut link, when it holds `{from}`, `{fromHost}`, `{to}` or `{toHost}`: once for every cut
 *    directed link, `{from}`/`{fromHost}` the sender and `{to}`/`{toHost}` — and `{node}`, `{host}`,
 *    `{port}` — the receiver, where an INPUT rule would go;
 *  - per node, when it holds `{node}`, `{host}`, `{port}`, `{peers}` or `{peerHosts}`: once for every
 *    node that holds a grudge, `{peers}`/`{peerHosts}` the nodes it cannot hear from;
 *  - else once, with `{grudge}` the whole grudge as JSON in one argument.
 * `heal` runs once per node when it holds `{node}`, `{host}` or `{port}`, else once. Every command may
 * hold `{nodes}` and `{hosts}` (every node), and `partition` and `heal` `{grudge}`.
 */
import type { ExternalNode, ClusterFile } from './external-config.js';
import { runCommand, type CommandRunner } from './external-command.js';
import { placeholdersIn, type PlaceholderValues } from './external-placeholders.js';
import type { Grudge } from './runtime.js';

/** Values for a command acting on `node`. */
export function nodeValues(nodes: readonly ExternalNode[], node: ExternalNode): PlaceholderValues {
  return { node: node.name, host: node.host, port: String(node.port), nodes: nodes.map((n) => n.name), hosts: nodes.map((n) => n.host) };
}

const holds = (argv: readonly string[], names: readonly string[]) => argv.some((a) => placeholdersIn(a).some((p) => names.includes(p)));

/** The grudge's keys and lists in a stable order, as `{grudge}` shows it. */
function grudgeJson(grudge: Grudge): string {
  const sorted = Object.fromEntries(Object.keys(grudge).sort().filter((k) => grudge[k]!.length > 0).map((k) => [k, [...grudge[k]!].sort()]));
  return JSON.stringify(sorted);
}

/** Runs `partition` for `grudge` (every grudge given in file names). */
export async function runPartition(r: CommandRunner, cluster: ClusterFile, grudge: Grudge): Promise<void> {
  const argv = cluster.commands.partition ?? [];
  const byName = new Map(cluster.nodes.map((n) => [n.name, n]));
  const base = { grudge: grudgeJson(grudge) };
  const grudged = cluster.nodes.filter((n) => (grudge[n.name] ?? []).length > 0);
  if (holds(argv, ['from', 'fromHost', 'to', 'toHost'])) {
    for (const to of grudged) {
      for (const fromName of [...grudge[to.name]!].sort()) {
        const from = byName.get(fromName)!;
        const v = { ...nodeValues(cluster.nodes, to), ...base, from: from.name, fromHost: from.host, to: to.name, toHost: to.host };
        await runCommand(r, 'partition', v, `${from.name}→${to.name}`);
      }
    }
  } else if (holds(argv, ['node', 'host', 'port', 'peers', 'peerHosts'])) {
    for (const n of grudged) {
      const peers = [...grudge[n.name]!].sort().map((p) => byName.get(p)!);
      await runCommand(r, 'partition', { ...nodeValues(cluster.nodes, n), ...base, peers: peers.map((p) => p.name), peerHosts: peers.map((p) => p.host) }, n.name);
    }
  } else {
    await runCommand(r, 'partition', { ...base, nodes: cluster.nodes.map((n) => n.name), hosts: cluster.nodes.map((n) => n.host) }, '');
  }
}

/** Runs `heal` after `grudge` (once per node, or once). */
export async function runHeal(r: CommandRunner, cluster: ClusterFile, grudge: Grudge): Promise<void> {
  const argv = cluster.commands.heal ?? [];
  const base = { grudge: grudgeJson(grudge) };
  if (holds(argv, ['node', 'host', 'port'])) {
    for (const n of cluster.nodes) await runCommand(r, 'heal', { ...nodeValues(cluster.nodes, n), ...base }, n.name);
  } else {
    await runCommand(r, 'heal', { ...base, nodes: cluster.nodes.map((n) => n.name), hosts: cluster.nodes.map((n) => n.host) }, '');
  }
}
