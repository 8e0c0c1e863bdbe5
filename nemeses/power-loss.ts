/**
 * Nemesis `power-loss`: nodes lose power together — killed -9, and every write to their data
 * directories that they did not fsync is lost (optionally torn: a strict prefix of each file's last
 * unsynced write survives) — and stay down until power comes back: restarted with what survived,
 * the stop op completes once they answer again (at most 30 s), so the schedule's next gap is time
 * with power even on a slow machine. Every node loses power at once unless `power-loss.targets`
 * names others (one, minority, majority, all, leader). It runs alone in the schedule: a power loss
 * of a cluster that was serving writes, not one already cut up by other faults. Ops: `start-power-loss` {targets, nodes?} → ok {targets, nodes, torn,
 * lost: {node: {files, writes, bytes, tornBytes}}}; `stop-power-loss` → ok {nodes}.
 */
import { z } from 'zod';
import { boolOpt } from '../src/core/options.js';
import { canLosePower } from '../src/runtimes/runtime.js';
import type { NemesisContext } from './nemesis.js';
import { nodeFaultOptions, nodeFaultPackage } from './node-fault.js';

/**
 * Losing the unsynced writes of a minority rarely shows (the majority still has them); of every node
 * at once, it does: by default power loss hits every node, the others only when named.
 */
const POWER_LOSS_ASKED = ['one', 'minority', 'majority', 'leader'] as const;

export const powerLossOptionsSchema = z.strictObject({
  ...nodeFaultOptions(POWER_LOSS_ASKED),
  /** Keep a strict prefix of each file's last unsynced write (a torn write). */
  torn: boolOpt(false),
});
export type PowerLossOptions = z.infer<typeof powerLossOptionsSchema>;

const READY_WITHIN_MS = 30_000;

/** Waits until `node` passes the target's readiness probe, for at most READY_WITHIN_MS. */
async function untilReady(ctx: NemesisContext, node: string): Promise<void> {
  const ref = ctx.cluster.nodes.find((n) => n.name === node)!;
  for (const deadline = Date.now() + READY_WITHIN_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await ctx.target.isReady(ref, ctx.targetOpts, AbortSignal.timeout(2_000)).catch(() => false)) return;
  }
  ctx.logger.warn(`power-loss: ${node} not ready ${READY_WITHIN_MS / 1000} s after power came back`);
}

function ability(ctx: NemesisContext) {
  if (!canLosePower(ctx.cluster)) throw new Error('power-loss: this cluster cannot lose power (its data directories are not power-loss mounts)');
  return ctx.cluster;
}

export const powerLossNemesis = nodeFaultPackage<PowerLossOptions>({
  name: 'power-loss',
  description: 'power loss: kill -9 every node (or one, a minority, a majority, the leader when asked) and lose every write they did not fsync (torn=true: keep a prefix of the last); restart',
  startF: 'start-power-loss',
  stopF: 'stop-power-loss',
  faults: ['power-loss'],
  restartsNodes: true,
  onlyWhenAsked: POWER_LOSS_ASKED,
  alone: true,
  optionsSchema: powerLossOptionsSchema,
  apply: (ctx, opts, node) => ability(ctx).powerLoss([node], opts).then(() => undefined),
  applyAll: async (ctx, opts, nodes) => ({ torn: opts.torn, lost: await ability(ctx).powerLoss(nodes, opts) }),
  undo: async (ctx, _opts, node) => {
    await ability(ctx).restart(node);
    await untilReady(ctx, node);
  },
});
