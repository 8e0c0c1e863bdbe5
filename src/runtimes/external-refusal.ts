/**
 * Which faults the external runtime can apply: exactly those whose commands the cluster file
 * configures. A fault it cannot apply is refused before anything starts, naming the key the file
 * lacks (`cluster.yaml has no \`pause\` command; add one or leave out --nemesis pause`), or, for
 * faults no command can give (link delay or loss, power loss, partitions of clients), naming the
 * runtimes that can.
 */
import { basename } from 'node:path';
import type { ClusterFile, CommandKey } from './external-config.js';
import type { FaultKind } from './runtime.js';

/** The commands each fault needs (the fault, then its undo). */
const NEEDS: Partial<Record<FaultKind, readonly CommandKey[]>> = {
  kill: ['kill', 'restart'],
  stop: ['stop', 'restart'],
  pause: ['pause', 'resume'],
  partition: ['partition', 'heal'],
  clock: ['clock'],
};

/** The nemesis a user leaves out to do without a fault. */
const NEMESIS: Partial<Record<FaultKind, string>> = { kill: 'kill', stop: 'kill', pause: 'pause', partition: 'partition', clock: 'clock' };

/** The cluster file inside validated runtime options, if they hold one. */
export function clusterOf(runtimeOpts: unknown): ClusterFile | undefined {
  const c = (runtimeOpts as { cluster?: Partial<ClusterFile> } | undefined)?.cluster;
  return c && typeof c.commands === 'object' && Array.isArray(c.nodes) ? (c as ClusterFile) : undefined;
}

/** `Runtime.unsupported` of the external runtime. */
export function externalRefusal(fault: FaultKind, _target: unknown, runtimeOpts?: unknown): string | undefined {
  const needs = NEEDS[fault];
  if (!needs) return `runtime external runs only the commands of its cluster file (kill, stop, pause, partition, clock), so it cannot apply ${fault}; use --runtime local or netns`;
  const cluster = clusterOf(runtimeOpts);
  if (!cluster) return `runtime external applies only faults its cluster file configures; give it with --runtime-opt cluster=FILE`;
  const missing = needs.find((k) => cluster.commands[k] === undefined);
  if (missing) return `runtime external: ${basename(cluster.file)} has no \`${missing}\` command; add one or leave out --nemesis ${NEMESIS[fault]}`;
  return undefined;
}
