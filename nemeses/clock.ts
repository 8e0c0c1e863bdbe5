/**
 * Nemesis `clock`: skews nodes' wall clocks (monotonic clocks are left alone, as on a real machine
 * whose NTP steps the clock). Modes (`clock.modes`, drawn at random per fault):
 *  - bump: add a one-time offset of ±[100 ms, max-offset-ms] to a random subset of nodes;
 *  - strobe: flip some nodes' clocks between their offset and offset + delta every period for a
 *    while (the op stays in flight for that while, so its invoke and completion bracket it);
 *  - scramble: give every node a random offset in ±max-offset-ms;
 * and `reset-clock` sets every clock back to true time. Completion values carry the resulting
 * offsets (milliseconds, by node). Bumps and strobes hit a random subset of nodes, or with
 * `clock.targets=leader` the nodes leading when the op runs (where a skewed clock stretches a lease;
 * with no leader within 2 s, one other node, and the completion's `fallback` says so: leader-lookup.ts);
 * `clock.direction=back` or `forward` fixes which way they move the clock.
 */
import { z } from 'zod';
import { randFloat, randInt, type Rng } from '../src/core/generators/index.js';
import { canSkewClocks, type ClockAbility } from '../src/runtimes/runtime.js';
import { attempt, type NemesisPackage } from './nemesis.js';
import { leaderFinder } from './leader-lookup.js';
import { pickOne, shuffle } from './select.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { noLeaders } from '../src/core/target.js';

export const CLOCK_MODES = ['bump', 'strobe', 'scramble'] as const;

export const clockOptionsSchema = z.strictObject({
  modes: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CLOCK_MODES)).min(1))
    .optional()
    .describe('kinds of clock fault to draw from (not set: all)'),
  'max-offset-ms': z.coerce.number().int().min(100).max(86_400_000).default(2_000).describe('largest offset a bump or scramble sets, ms'),
  'strobe-ms': z.coerce.number().int().min(50).max(600_000).default(3_000).describe('how long a strobe lasts, ms'),
  'strobe-period-ms': z.coerce.number().int().min(10).max(60_000).default(100).describe('time between strobe flips, ms (raft-kv re-reads its offset every 50 ms)'),
  targets: z.enum(['random', 'leader']).default('random').describe('which nodes bumps and strobes hit: a random subset, or whoever leads when the op runs'),
  direction: z.enum(['both', 'back', 'forward']).default('both').describe('which way bumps and strobes move clocks: either (at random), back only, or forward only'),
});
export type ClockOptions = z.infer<typeof clockOptionsSchema>;

/** A signed offset with magnitude in [100, max], in `direction` (random sign for both). */
function drawOffset(rng: Rng, max: number, direction: ClockOptions['direction'] = 'both'): [number, Rng] {
  const [mag, r1] = randInt(rng, 100, max);
  const [u, r2] = randFloat(r1);
  const back = direction === 'back' || (direction === 'both' && u < 0.5);
  return [back ? -mag : mag, r2];
}

/** A non-empty random subset of nodes, sorted. */
function someNodes(rng: Rng, nodes: readonly string[]): [string[], Rng] {
  const [k, r1] = randInt(rng, 1, nodes.length);
  const [order, r2] = shuffle(r1, nodes);
  return [order.slice(0, k).sort(), r2];
}


/** A running strobe: `stop()` ends it, puts each node back at its offset from before, and gives the flips. */
export interface Strobe {
  stop(): Promise<number>;
}

/**
 * Flips `nodes`' clocks between their current offset + `deltaMs` and that offset every `periodMs`
 * (starting with the delta) until stopped. A failed flip ends the strobe; stop() reports the error.
 */
export function startStrobe(c: ClockAbility, nodes: readonly string[], deltaMs: number, periodMs: number): Strobe {
  const base = c.clockOffsets();
  const set = (on: boolean) => Promise.all(nodes.map((n) => c.setClockOffset(n, (base[n] ?? 0) + (on ? deltaMs : 0))));
  const stopped = new AbortController();
  let flips = 0;
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await set(flips % 2 === 0);
      flips++;
      await sleep(periodMs, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  })();
  loop.catch(() => undefined); // reported by stop(), not as an unhandled rejection
  return {
    async stop() {
      stopped.abort();
      try {
        await loop;
      } finally {
        await set(false);
      }
      return flips;
    },
  };
}

async function strobe(c: ClockAbility, nodes: string[], deltaMs: number, periodMs: number, durationMs: number): Promise<number> {
  const s = startStrobe(c, nodes, deltaMs, periodMs);
  await sleep(durationMs);
  return s.stop();
}

export const clockNemesis: NemesisPackage<ClockOptions> = {
  name: 'clock',
  description: 'skew wall clocks: bump, strobe, scramble; reset',
  faults: ['clock'],
  optionsSchema: clockOptionsSchema,
  start(rng, env, opts) {
    const [mode, r1] = pickOne(rng, opts.modes ?? CLOCK_MODES);
    const max = opts['max-offset-ms'];
    if (mode === 'scramble') {
      let r = r1;
      const offsets: Record<string, number> = {};
      for (const n of env.nodes) [offsets[n], r] = drawOffset(r, max);
      return [{ f: 'scramble-clock', value: { offsets } }, r];
    }
    const [drawn, r2] = someNodes(r1, env.nodes);
    const nodes = opts.targets === 'leader' ? 'leader' : drawn;
    const [deltaMs, r3] = drawOffset(r2, max, opts.direction);
    if (mode === 'bump') return [{ f: 'bump-clock', value: { nodes, deltaMs } }, r3];
    return [{ f: 'strobe-clock', value: { nodes, deltaMs, periodMs: opts['strobe-period-ms'], durationMs: opts['strobe-ms'] } }, r3];
  },
  startFs: ['bump-clock', 'strobe-clock', 'scramble-clock'],
  stop: { f: 'reset-clock' },
  healOps: [{ f: 'reset-clock' }],
  refuse({ opts, target, targetOpts }) {
    const why = opts.targets === 'leader' ? noLeaders(target, targetOpts) : undefined;
    return why ? `nemesis clock: ${why}, so targets=leader is not possible` : undefined;
  },
  create(ctx) {
    const { cluster } = ctx;
    if (!canSkewClocks(cluster)) throw new Error('clock: this cluster cannot skew clocks');
    const c = cluster;
    const leaders = leaderFinder(ctx);
    const reset = async () => {
      const was = c.clockOffsets();
      await c.resetClocks();
      return { was, offsets: c.clockOffsets() };
    };
    return {
      fs: ['bump-clock', 'strobe-clock', 'scramble-clock', 'reset-clock'],
      invoke: (op) =>
        attempt(async () => {
          const v = { ...(op.value as Record<string, any>) };
          if (v.nodes === 'leader') {
            const found = await leaders.find();
            v.nodes = found.nodes;
            if (found.fallback) v.fallback = found.fallback;
          }
          switch (op.f) {
            case 'bump-clock': {
              const before = c.clockOffsets();
              await Promise.all((v.nodes as string[]).map((n) => c.setClockOffset(n, (before[n] ?? 0) + v.deltaMs)));
              return { type: 'ok', value: { ...v, offsets: c.clockOffsets() } };
            }
            case 'strobe-clock': {
              const flips = await strobe(c, v.nodes, v.deltaMs, v.periodMs, v.durationMs);
              return { type: 'ok', value: { ...v, flips, offsets: c.clockOffsets() } };
            }
            case 'scramble-clock':
              await Promise.all(Object.entries(v.offsets as Record<string, number>).map(([n, ms]) => c.setClockOffset(n, ms)));
              return { type: 'ok', value: { offsets: c.clockOffsets() } };
            default:
              return { type: 'ok', value: await reset() };
          }
        }),
      heal: reset,
    };
  },
};
