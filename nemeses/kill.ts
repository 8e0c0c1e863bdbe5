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

function killer(ctx: NemesisContext) {
  if (!canKill(ctx.cluster)) throw new Error('kill: this cluster cannot kill nodes');
  return ctx.cluster;
}

function stopper(ctx: NemesisContext) {
  if (!canStop(ctx.cluster)) throw new Error('kill: this cluster cannot stop nodes');
  return ctx.cluster;
}

export const killNemesis = nodeFaultPackage<KillOptions>({
  name: 'kill',
  description: 'kill -9 (or gracefully stop) one, a minority, a majority, all, or the leader; restart with data kept',
  startF: 'kill',
  stopF: 'restart',
  faults: ['kill', 'stop'],
  faultsFor: (opts) => [opts.mode],
  restartsNodes: true,
  optionsSchema: killOptionsSchema,
  apply: (ctx, opts, node) => (opts.mode === 'stop' ? stopper(ctx).stop(node) : killer(ctx).kill(node)),
  undo: (ctx, opts, node) => (opts.mode === 'stop' ? stopper(ctx) : killer(ctx)).restart(node),
});
