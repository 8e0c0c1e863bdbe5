/**
 * Nemesis `kill`: kill -9 nodes (or stop them gracefully with `kill.mode=stop`: SIGTERM, then SIGKILL
 * after a grace period) and later restart them with their data kept. Nodes are chosen by
 * `kill.targets` (one, minority, majority, all, leader). Ops: `kill` → ok {targets, nodes};
 * `restart` → ok {nodes}.
 */
import { z } from 'zod';
import { canKill, canStop } from '../src/runtimes/runtime.js';
import type { NemesisContext } from './nemesis.js';
import { nodeFaultOptions, nodeFaultPackage } from './node-fault.js';

export const killOptionsSchema = z.strictObject({
  ...nodeFaultOptions(),
  mode: z.enum(['kill', 'stop']).default('kill').describe('kill: SIGKILL; stop: SIGTERM, then SIGKILL after a grace period'),
});
export type KillOptions = z.infer<typeof killOptionsSchema>;

function abilities(ctx: NemesisContext) {
  const c = ctx.cluster;
  if (!canKill(c) || !canStop(c)) throw new Error('kill: this cluster cannot kill or stop nodes');
  return c;
}

export const killNemesis = nodeFaultPackage<KillOptions>({
  name: 'kill',
  description: 'kill -9 (or gracefully stop) one, a minority, a majority, all, or the leader; restart with data kept',
  startF: 'kill',
  stopF: 'restart',
  faults: ['kill', 'stop'],
  restartsNodes: true,
  optionsSchema: killOptionsSchema,
  apply: (ctx, opts, node) => (opts.mode === 'stop' ? abilities(ctx).stop(node) : abilities(ctx).kill(node)),
  undo: (ctx, _opts, node) => abilities(ctx).restart(node),
});
