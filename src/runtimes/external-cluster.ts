/**
 * A cluster faultline did not start (external runtime): its nodes are the cluster file's endpoints,
 * called n1, n2, … in file order in the history and nemesis ops (as on every runtime), while the
 * commands see the names the file gives (`{node}`). It has exactly the abilities whose commands the
 * file configures — kill (kill + restart), stop (stop + restart), pause (pause + resume), partition
 * (partition + heal; the cut mode is the command's business), clock — each running those commands
 * (external-command.ts, external-net.ts). Before each fault it writes what it is about to do into
 * pids.json (external-state.ts); the teardown undoes whatever is still in force, and never throws.
 * Per node the record keeps the fault a restart must undo (kill, stop) over a pause.
 */
import type { ClusterPlan, NodeRef } from '../core/target.js';
import type { Logger } from '../core/logger.js';
import type { ClusterFile, CommandKey, ExternalNode } from './external-config.js';
import { runCommand, type CommandRunner } from './external-command.js';
import { nodeValues, runHeal, runPartition } from './external-net.js';
import { undoAll, type ExternalRecord } from './external-state.js';
import type { ClockAbility, Cluster, Grudge, KillAbility, PartitionAbility, PauseAbility, StopAbility } from './runtime.js';

/** Builds the external cluster over `cluster`; `save` writes the record to pids.json. */
export function externalCluster(o: { cluster: ClusterFile; plan: ClusterPlan; rec: ExternalRecord; save(): void; logger: Logger }): Cluster {
  const { cluster, rec, save, logger } = o;
  const runner: CommandRunner = { file: cluster.file, commands: cluster.commands, timeoutMs: rec.timeoutMs, logger };
  const fileNode = new Map<string, ExternalNode>(cluster.nodes.map((n, i) => [o.plan.nodes[i]!.name, n]));
  const byFileName = new Map(o.plan.nodes.map((p, i) => [cluster.nodes[i]!.name, p.name]));
  const nodeOf = (name: string) => {
    const n = fileNode.get(name);
    if (!n) throw new Error(`runtime external: no node ${name} (nodes: ${[...fileNode.keys()].join(', ')})`);
    return n;
  };
  const run = (key: CommandKey, name: string, extra: Record<string, string> = {}) => {
    const n = nodeOf(name);
    return runCommand(runner, key, { ...nodeValues(cluster.nodes, n), ...extra }, n.name === name ? name : `${name} (${n.name})`);
  };
  // A kill or stop outranks a pause on the same node: the restart that undoes it brings back a fresh,
  // running process, whereas a resume would leave a killed node dead.
  const fault = async (how: 'kill' | 'stop' | 'pause', name: string) => {
    const f = nodeOf(name).name;
    if (how !== 'pause' || rec.down[f] === undefined) rec.down[f] = how;
    save(); // before acting: a harness killed meanwhile still undoes it
    await run(how, name);
  };
  const undo = async (key: 'restart' | 'resume', name: string) => {
    await run(key, name);
    const f = nodeOf(name).name;
    if (key === 'restart' || rec.down[f] === 'pause') delete rec.down[f];
    save();
  };
  let tornDown: Promise<void> | undefined;
  const c: Cluster = {
    plan: o.plan,
    nodes: o.plan.nodes.map((n, i): NodeRef => ({ name: n.name, host: n.host, clientPort: n.clientPort, ...(cluster.nodes[i]!.peerPort === undefined ? {} : { peerPort: n.peerPort }) })),
    teardown() {
      tornDown ??= undoAll(rec, save, logger).then(
        (r) => void logger.info(`external teardown: ${r.done.length ? r.done.join(', ') : 'nothing to undo'}${r.failed.length ? `; FAILED: ${r.failed.join('; ')}` : ''}`),
        () => undefined,
      );
      return tornDown;
    },
  };
  const has = (k: CommandKey) => cluster.commands[k] !== undefined;
  if (has('kill')) Object.assign(c, { kill: (n: string) => fault('kill', n) } satisfies Omit<KillAbility, 'restart'>);
  if (has('stop')) Object.assign(c, { stop: (n: string) => fault('stop', n) } satisfies Omit<StopAbility, 'restart'>);
  if (has('restart')) Object.assign(c, { restart: (n: string) => undo('restart', n) });
  if (has('pause')) Object.assign(c, { pause: (n: string) => fault('pause', n), resume: (n: string) => undo('resume', n) } satisfies PauseAbility);
  if (has('partition')) {
    const toFile = (g: Grudge): Grudge => Object.fromEntries(Object.entries(g).map(([k, v]) => [nodeOf(k).name, v.map((x) => nodeOf(x).name)]));
    const heal = async () => {
      if (!rec.grudge) return;
      await runHeal(runner, cluster, rec.grudge);
      delete rec.grudge;
      save();
    };
    const partition = async (g: Grudge) => {
      await heal();
      const fg = toFile(g);
      if (Object.values(fg).every((v) => v.length === 0)) return;
      rec.grudge = fg;
      save();
      await runPartition(runner, cluster, fg);
    };
    Object.assign(c, { partition, healPartition: heal } satisfies PartitionAbility);
  }
  if (has('clock')) {
    const setClockOffset = async (name: string, ms: number) => {
      rec.clocks[nodeOf(name).name] = ms;
      save();
      await run('clock', name, { offsetMs: String(Math.round(ms)) });
    };
    const clockOffsets = () => Object.fromEntries(o.plan.nodes.map((p) => [p.name, rec.clocks[nodeOf(p.name).name] ?? 0]));
    const resetClocks = async () => {
      for (const [fname, ms] of Object.entries(rec.clocks)) if (ms !== 0) await setClockOffset(byFileName.get(fname)!, 0);
    };
    Object.assign(c, { setClockOffset, clockOffsets, resetClocks } satisfies ClockAbility);
  }
  return c;
}
