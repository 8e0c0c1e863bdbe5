/**
 * Power loss in the local runtime. When a run asks for the `power-loss` fault (and only then), each
 * node's data directory `<run>/nodes/<name>/data` is a powerloss-fs mount over
 * `<run>/nodes/<name>/disk`, which holds what survives (and, after the run, what the node left on
 * "disk"); each helper logs to `<run>/nodes/<name>-disk.log`, so its power-loss lines appear among the
 * node logs of the report. The ability kills the chosen nodes -9 — all of them before any loses its
 * writes, so they lose power together — then has each one's helper forget its unsynced writes.
 */
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { NodePlan } from '../core/target.js';
import { PowerLossMount } from './powerloss-mount.js';
import type { LostWrites, PowerLossAbility } from './runtime.js';

/** What the power-loss ability needs from the cluster (whose own `restart` brings nodes back). */
export interface PowerLossHooks {
  kill(node: string): Promise<void>;
  logger: Logger;
  /** The run's seed: torn-write lengths derive from it. */
  seed: number;
}

/** The powerloss-fs mounts of a local cluster, one per node. */
export class LocalDisks {
  private losses = 0;

  private constructor(private readonly mounts: ReadonlyMap<string, PowerLossMount>) {}

  /** Mounts every node's data directory; `started` sees each helper as soon as it runs. */
  static async mountAll(nodes: readonly NodePlan[], started: (node: string, m: PowerLossMount) => void): Promise<LocalDisks> {
    const mounts = new Map<string, PowerLossMount>();
    try {
      for (const n of nodes) {
        const m = await PowerLossMount.mount(join(n.dataDir, '..', 'disk'), n.dataDir, n.logFile.replace(/\.log$/, '-disk.log'));
        mounts.set(n.name, m);
        started(n.name, m);
      }
    } catch (e) {
      await Promise.all([...mounts.values()].map((m) => m.unmount()));
      throw e;
    }
    return new LocalDisks(mounts);
  }

  /** The ability's `powerLoss`, over the cluster's own kill; the cluster's `restart` completes it. */
  ability(h: PowerLossHooks): Pick<PowerLossAbility, 'powerLoss'> {
    return {
      powerLoss: async (nodes, { torn }) => {
        const mounts = nodes.map((n) => [n, this.mount(n)] as const);
        await Promise.all(nodes.map((n) => h.kill(n)));
        const loss = ++this.losses;
        const lost: Record<string, LostWrites> = {};
        for (const [n, m] of mounts) lost[n] = await m.drop(torn ? tornSeed(h.seed, loss, n) : undefined);
        h.logger.info(`power loss${torn ? ' (torn writes)' : ''}: ${nodes.map((n) => `${n} lost ${lost[n]!.writes} unsynced writes (${lost[n]!.bytes} bytes)`).join(', ')}`);
        return lost;
      },
    };
  }

  private mount(node: string): PowerLossMount {
    const m = this.mounts.get(node);
    if (!m) throw new Error(`unknown node ${node}`);
    return m;
  }

  /** Clean shutdown of every mount (pending writes are written back); call once the nodes are stopped. */
  async unmountAll(): Promise<void> {
    await Promise.all([...this.mounts.values()].map((m) => m.unmount()));
  }

  /** Synchronous last resort: kill every helper and detach every mount. */
  killNow(): void {
    for (const m of this.mounts.values()) m.killNow();
  }
}

/** A positive seed for the torn-write lengths of power loss number `loss` on `node`. */
function tornSeed(runSeed: number, loss: number, node: string): number {
  let h = (Math.abs(Math.trunc(runSeed)) % 2 ** 31) ^ Math.imul(loss, 0x9e3779b1);
  for (const c of node) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0) + 1;
}
