/**
 * What the external runtime has done to a cluster it does not own, kept in the run's pids.json
 * before each fault is applied (record before acting): the cluster file as it was read (so cleanup
 * runs the same commands even if the file changed since), the partition in force, the nodes killed,
 * stopped or paused, and the clock offsets set. `undoAll` puts the cluster back as it was found —
 * heal, then resume the paused nodes, restart the killed and stopped ones, set clocks back to 0 —
 * for the teardown and for `faultline cleanup` after a SIGKILLed harness. It never throws: each
 * failure is logged and reported, and the rest still runs.
 */
import type { Logger } from '../core/logger.js';
import { describeError } from '../core/errors.js';
import type { Grudge } from './runtime.js';
import type { ClusterFile } from './external-config.js';
import { runCommand, type CommandRunner } from './external-command.js';
import { nodeValues, runHeal } from './external-net.js';

/** The external runtime's part of pids.json. */
export interface ExternalRecord {
  cluster: ClusterFile;
  timeoutMs: number;
  /** The partition in force (file names), from just before it is applied until it is healed. */
  grudge?: Grudge;
  /** Nodes (file names) killed, stopped or paused, from just before the fault until it is undone. */
  down: Record<string, 'kill' | 'stop' | 'pause'>;
  /** Nodes (file names) whose clock offset is not 0. */
  clocks: Record<string, number>;
}

/** What `undoAll` undid, one entry per command run (`the partition (healed)`, `the pause of etcd-b (resumed)`), and what failed. */
export interface UndoReport {
  done: string[];
  failed: string[];
}

/**
 * Undoes every fault `rec` says is in force, updating it (through `save`) after each command that
 * succeeded; a command that fails leaves its entry, so a later cleanup tries again.
 */
export async function undoAll(rec: ExternalRecord, save: () => void, logger: Logger): Promise<UndoReport> {
  const runner: CommandRunner = { file: rec.cluster.file, commands: rec.cluster.commands, timeoutMs: rec.timeoutMs, logger };
  const report: UndoReport = { done: [], failed: [] };
  const byName = new Map(rec.cluster.nodes.map((n) => [n.name, n]));
  const attempt = async (what: string, run: () => Promise<void>, after: () => void) => {
    try {
      await run();
      after();
      save();
      report.done.push(what);
    } catch (e) {
      logger.warn(describeError(e));
      report.failed.push(`${what}: ${describeError(e)}`);
    }
  };
  if (rec.grudge) {
    const grudge = rec.grudge;
    await attempt('the partition (healed)', () => runHeal(runner, rec.cluster, grudge), () => delete rec.grudge);
  }
  for (const [name, how] of Object.entries(rec.down).sort()) {
    const node = byName.get(name);
    if (!node) continue;
    const key = how === 'pause' ? 'resume' : 'restart';
    await attempt(`the ${how} of ${name} (${how === 'pause' ? 'resumed' : 'restarted'})`, () => runCommand(runner, key, nodeValues(rec.cluster.nodes, node), name), () => delete rec.down[name]);
  }
  for (const [name, offset] of Object.entries(rec.clocks).sort()) {
    const node = byName.get(name);
    if (!node || offset === 0) continue;
    await attempt(`the clock offset of ${name} (reset)`, () => runCommand(runner, 'clock', { ...nodeValues(rec.cluster.nodes, node), offsetMs: '0' }, name), () => delete rec.clocks[name]);
  }
  return report;
}
