/**
 * Nemesis `stale-leader`: opens the windows in which a leader serves what it should not. Each fault
 * is one episode of two acts (stale-leader-episode.ts), each on whoever leads when it begins:
 * `pause-cut` sets the leader's wall clock back, stops it, cuts it off while it is stopped, and
 * resumes it still cut off once the others have moved on — so until it learns it is deposed it
 * answers from a past the cluster has left: local reads, a lease its clock says it still holds — for
 * `pause-ms`, then reconnects it and puts its clock back; `cut-after-write` cuts the leader off right
 * after it acknowledged a client's write, until the others have elected a new leader and it has led
 * for `hold-ms` (what the old one acknowledges meanwhile no other node has; what it reads is stale),
 * then reconnects it — again, up to `cut-attempts` times, until a cut-off leader did acknowledge a
 * write. The stop op reconnects and puts back whatever is still in force. It runs alone in the
 * schedule (a leader to find, a majority that moves on), so no fault of another kind spoils it.
 *
 * What the runtime cannot do is left out rather than refused (`adapt`): without the partition
 * ability there is no cut — only the pause (the resumed leader answers before it catches up: etcd's
 * serializable reads); without clock skew its clock is left alone.
 *
 * Ops: `start-stale-leader` {acts, pauseMs, windowMs?, cut, clockBackMs, afterWriteMs, holdMs, cutAttempts} → ok
 * {acts: [{act: 'pause-cut', node, clockOffsets?, cut?, pausedMs, windowMs?, maxWindowMs?, staleReadChance?, closed?}, {act:
 * 'cut-after-write', node, afterWrite: {index, process, f, key?} | null, cut, ackedWhileCut: {index,
 * process, f, key?} | null, newLeader, readElsewhere?, healed} (one per attempt)]}, fail when no leader is found;
 * `stop-stale-leader` → ok {resumed?, healed?, clockRestored?}.
 */
import { z } from 'zod';
import { attempt, type NemesisPackage } from './nemesis.js';
import { ACTS, StaleLeaderEpisode, type EpisodeOptions } from './stale-leader-episode.js';
import { noLeaders } from '../src/core/target.js';

const optionalBool = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0', 'on', 'off'])])
  .optional()
  .transform((v) => (v === undefined || typeof v === 'boolean' ? v : ['true', 'yes', '1', 'on'].includes(v)));

export const staleLeaderOptionsSchema = z.strictObject({
  acts: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ACTS)).min(1))
    .optional()
    .describe(`the acts an episode plays, in this order: ${ACTS.join(', ')} (not set: both)`),
  'pause-ms': z.coerce.number().int().min(100).max(600_000).default(3_000).describe('pause-cut: how long the leader stays stopped, ms (longer than an election, so the others move on)'),
  'window-ms': z.coerce.number().int().min(0).max(600_000).optional().describe('pause-cut: how long the resumed leader stays cut off before the next act, ms (not set: at least pause-ms, then until a client of it read after the others wrote, at most two op timeouts + 1000)'),
  cut: optionalBool.describe('cut leaders off from the other nodes; without, cut-after-write is left out and pause-cut only pauses (not set: when the runtime can cut the target\'s links)'),
  'clock-back-ms': z.coerce.number().int().min(0).max(86_400_000).optional().describe('pause-cut: set the leader\'s wall clock back this far before stopping it, ms (not set: pause-ms + 1000 when its clock can be skewed, else 0)'),
  'after-write-ms': z.coerce.number().int().min(0).max(600_000).default(2_000).describe('cut-after-write: wait at most this long for a write acknowledged to a client bound to the leader before cutting it off, ms (0: do not wait)'),
  'cut-attempts': z.coerce.number().int().min(1).max(100).default(4).describe('cut-after-write: play the act again, on whoever leads then, until the cut-off leader acknowledged a write while cut off, at most this many times'),
  'hold-ms': z.coerce.number().int().min(0).max(600_000).default(1_000).describe('cut-after-write: keep the old leader cut off this long after another is elected, ms (so the new one commits in its term first and the old one cannot win back what it acknowledged alone)'),
});
export type StaleLeaderOptions = z.infer<typeof staleLeaderOptionsSchema>;

/** The episode's settings: options as given, defaults by what the runtime can do (see adapt). */
function planOf(o: StaleLeaderOptions): EpisodeOptions {
  return {
    acts: ACTS.filter((a) => o.acts?.includes(a) ?? true),
    pauseMs: o['pause-ms'],
    ...(o['window-ms'] === undefined ? {} : { windowMs: o['window-ms'] }),
    cut: o.cut ?? true,
    clockBackMs: o['clock-back-ms'] ?? o['pause-ms'] + 1_000,
    afterWriteMs: o['after-write-ms'],
    holdMs: o['hold-ms'],
    cutAttempts: o['cut-attempts'],
  };
}

export const staleLeaderNemesis: NemesisPackage<StaleLeaderOptions> = {
  name: 'stale-leader',
  description: 'set the leader\'s clock back, stop it, cut it off, resume it still cut off, reconnect it; then cut the leader off right after it acknowledged a write, until another is elected (again until it acknowledged one while cut off); heal',
  faults: ['pause'],
  faultsFor: (opts) => {
    const p = planOf(opts);
    return ['pause', ...(p.cut ? (['partition'] as const) : []), ...(p.clockBackMs > 0 ? (['clock'] as const) : [])];
  },
  optionsSchema: staleLeaderOptionsSchema,
  adapt: (opts, can) => ({
    ...opts,
    cut: opts.cut ?? can('partition'),
    'clock-back-ms': opts['clock-back-ms'] ?? (can('clock') ? opts['pause-ms'] + 1_000 : 0),
  }),
  refuse({ target, targetOpts }) {
    const why = noLeaders(target, targetOpts);
    return why ? `nemesis stale-leader: ${why}, so there is no leader to stop` : undefined;
  },
  start: (rng, _env, opts) => [{ f: 'start-stale-leader', value: planOf(opts) }, rng],
  startFs: ['start-stale-leader'],
  stop: { f: 'stop-stale-leader' },
  alone: true,
  healOps: [{ f: 'stop-stale-leader' }],
  create(ctx, opts) {
    const episode = new StaleLeaderEpisode(ctx);
    // The op says what to do (the schedule drew it from these options); what it leaves out, the options say.
    const plan = (value: unknown): EpisodeOptions => ({ ...planOf(opts), ...(value as Partial<EpisodeOptions> | null) });
    return {
      fs: ['start-stale-leader', 'stop-stale-leader'],
      invoke: (op) => attempt(async () => (op.f === 'start-stale-leader' ? episode.start(plan(op.value)) : { type: 'ok', value: await episode.undo() })),
      heal: () => episode.undo(),
    };
  },
};
