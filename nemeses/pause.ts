/**
 * Nemesis `pause`: freeze nodes' processes (SIGSTOP on the local runtime) and later thaw them
 * (SIGCONT). A paused node keeps its connections open and answers nothing, the way a long GC pause
 * or a stalled VM looks to its peers. Nodes are chosen by `pause.targets` (one, minority, majority,
 * leader; `all` only when named, e.g. `pause.targets=one,all`: a frozen cluster adds nothing but
 * unavailability). Ops: `pause` → ok {targets, nodes}; `resume` → ok {nodes}.
 */
import { z } from 'zod';
import { canPause } from '../src/runtimes/runtime.js';
import type { NemesisContext } from './nemesis.js';
import { nodeFaultOptions, nodeFaultPackage } from './node-fault.js';

/** Pausing every node adds nothing but unavailability: drawn only when named. */
const PAUSE_ASKED = ['all'] as const;

export const pauseOptionsSchema = z.strictObject({ ...nodeFaultOptions(PAUSE_ASKED) });
export type PauseOptions = z.infer<typeof pauseOptionsSchema>;

function ability(ctx: NemesisContext) {
  if (!canPause(ctx.cluster)) throw new Error('pause: this cluster cannot pause nodes');
  return ctx.cluster;
}

export const pauseNemesis = nodeFaultPackage<PauseOptions>({
  name: 'pause',
  description: 'pause (SIGSTOP) one, a minority, a majority, or the leader (all only when asked); resume (SIGCONT)',
  startF: 'pause',
  stopF: 'resume',
  faults: ['pause'],
  onlyWhenAsked: PAUSE_ASKED,
  optionsSchema: pauseOptionsSchema,
  apply: (ctx, _opts, node) => ability(ctx).pause(node),
  undo: (ctx, _opts, node) => ability(ctx).resume(node),
});
