/**
 * Nemesis `pause`: freeze nodes' processes (SIGSTOP on the local runtime) and later thaw them
 * (SIGCONT). A paused node keeps its connections open and answers nothing, the way a long GC pause
 * or a stalled VM looks to its peers. Nodes are chosen by `pause.targets` (one, minority, majority,
 * all, leader). Ops: `pause` → ok {targets, nodes}; `resume` → ok {nodes}.
 */
import { z } from 'zod';
import { canPause } from '../src/runtimes/runtime.js';
import type { NemesisContext } from './nemesis.js';
import { nodeFaultOptions, nodeFaultPackage } from './node-fault.js';

export const pauseOptionsSchema = z.strictObject({ ...nodeFaultOptions });
export type PauseOptions = z.infer<typeof pauseOptionsSchema>;

function ability(ctx: NemesisContext) {
  if (!canPause(ctx.cluster)) throw new Error('pause: this cluster cannot pause nodes');
  return ctx.cluster;
}

export const pauseNemesis = nodeFaultPackage<PauseOptions>({
  name: 'pause',
  description: 'pause (SIGSTOP) one, a minority, a majority, all, or the leader; resume (SIGCONT)',
  startF: 'pause',
  stopF: 'resume',
  faults: ['pause'],
  optionsSchema: pauseOptionsSchema,
  apply: (ctx, _opts, node) => ability(ctx).pause(node),
  undo: (ctx, _opts, node) => ability(ctx).resume(node),
});
