/**
 * Nemesis `partition`: cuts links between nodes as a grudge (for each node, the nodes it cannot hear
 * from), then heals. Shapes (`partition.modes`, drawn at random per fault): halves, random-halves,
 * isolate-one, isolate-leader (the node leading when the op runs: where a deposed leader that has not
 * noticed yet serves stale data; drawn only when the target can say who leads; with no leader within
 * 2 s, another node, and the completion's `fallback` says so: leader-lookup.ts), majority-ring, bridge,
 * one-way, and custom (`partition.grudge=n1:n2+n3,n2:n1`).
 *
 * With `partition.leader-clock-ms=D`, an isolate-leader partition also moves the isolated leader's
 * wall clock by D ms for as long as it lasts (negative: back — the combined fault under which a
 * deposed leader's wall-clock lease outlives it): one step (`partition.leader-clock=step`, the
 * default) or a strobe (`=strobe`) flipping it between its offset and offset + D every
 * `partition.leader-clock-period-ms`.
 *
 * Cut links black-hole traffic by default (`partition.cut=reset` resets connections instead). Clients
 * keep reaching every node unless `partition.clients=true`: then a client bound to node h is cut off
 * from whatever h is cut off from. Ops: `start-partition` {mode, grudge} → ok {mode, grudge, cut,
 * clients?, clockOffsets? | clockStrobe?}; `stop-partition` → ok {healed: the grudge that was in
 * place, clockRestored?}.
 */
import { z } from 'zod';
import { boolOpt } from '../src/core/options.js';
import type { Rng } from '../src/core/generators/index.js';
import { canPartition, canSkewClocks, type Grudge } from '../src/runtimes/runtime.js';
import { bridge, halves, isolate, majorityRing, oneWay, parseGrudge } from './grudges.js';
import { attempt, type NemesisPackage } from './nemesis.js';
import { LeaderClockFault, type ClockRestored } from './leader-clock.js';
import { leaderFinder, type LeaderFallback } from './leader-lookup.js';
import { pickOne, shuffle } from './select.js';
import { noLeaders } from '../src/core/target.js';

export const PARTITION_MODES = ['halves', 'random-halves', 'isolate-one', 'isolate-leader', 'majority-ring', 'bridge', 'one-way', 'custom'] as const;
export type PartitionMode = (typeof PARTITION_MODES)[number];

const modeList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PARTITION_MODES)).min(1));

export const partitionOptionsSchema = z.strictObject({
  modes: modeList.optional().describe('shapes to draw from (not set: every shape but custom, isolate-leader only if the target can say who leads; custom alone when a grudge is given); custom needs grudge'),
  grudge: z.string().optional().describe('a custom grudge: n1:n2+n3,n2:n1 (n1 hears neither n2 nor n3; n2 does not hear n1)'),
  cut: z.enum(['blackhole', 'reset']).default('blackhole').describe('how a cut link behaves: blackhole drops its traffic silently, reset resets its connections'),
  clients: boolOpt(false).describe('cut clients too: a client bound to node h loses the nodes h loses (false: clients reach every node)'),
  'leader-clock-ms': z.coerce.number().int().min(-86_400_000).max(86_400_000).optional().describe('with isolate-leader: move the isolated leader\'s wall clock by this many ms while it is cut off'),
  'leader-clock': z.enum(['step', 'strobe']).default('step').describe('how leader-clock-ms is applied: held for the partition (step) or flipped on and off (strobe)'),
  'leader-clock-period-ms': z.coerce.number().int().min(10).max(60_000).default(200).describe('time between flips of a leader-clock strobe, ms'),
});
export type PartitionOptions = z.infer<typeof partitionOptionsSchema>;

/**
 * The shapes in use: the option, else every shape but custom (custom alone when only a grudge is
 * given), isolate-leader only when the target can say who leads.
 */
function modesOf(o: PartitionOptions, hasLeaders = true): PartitionMode[] {
  if (o.modes) return o.modes;
  return o.grudge ? ['custom'] : PARTITION_MODES.filter((m) => m !== 'custom' && (m !== 'isolate-leader' || hasLeaders));
}

/**
 * The grudge of `mode` over `nodes`, drawing what is random from `rng`; isolate-one isolates a node
 * not in `down` (held down by another fault) when there is one, and bridge puts such a node in the
 * middle.
 */
export function drawGrudge(rng: Rng, mode: PartitionMode, nodes: readonly string[], custom?: string, down: readonly string[] = []): [Grudge, Rng] {
  switch (mode) {
    case 'halves':
      return [halves(nodes), rng];
    case 'custom':
      return [parseGrudge(custom ?? '', nodes), rng];
    case 'isolate-leader':
      return [{}, rng]; // resolved when the op runs: who leads then

    case 'isolate-one': {
      // One draw among the nodes that are up (all when none is): with nothing held down, the same
      // draw for a seed as before down nodes were known.
      const up = nodes.filter((n) => !down.includes(n));
      const [x, r] = pickOne(rng, up.length > 0 ? up : nodes);
      return [isolate(x, nodes), r];
    }
    case 'bridge': {
      // A node held down cuts nothing on a side (its side's live nodes still hear the bridge, and the
      // other side loses only a dead peer): put it in the middle, so the live sides are cut from each
      // other. Nothing held down: the same draw for a seed as before.
      const [order, r] = shuffle(rng, nodes);
      const mid = Math.floor(order.length / 2);
      const dead = order.findIndex((n) => down.includes(n));
      if (dead >= 0 && !down.includes(order[mid]!)) [order[mid], order[dead]] = [order[dead]!, order[mid]!];
      return [bridge(order), r];
    }
    default: {
      const [order, r] = shuffle(rng, nodes);
      const build = { 'random-halves': halves, 'majority-ring': majorityRing, 'one-way': oneWay }[mode];
      return [build(order), r];
    }
  }
}

export const partitionNemesis: NemesisPackage<PartitionOptions> = {
  name: 'partition',
  description: `cut links as a grudge (${PARTITION_MODES.join(', ')}); heal`,
  faults: ['partition'],
  // Cutting clients, and moving an isolated leader's clock, need the runtime's abilities for them too.
  faultsFor: (opts) => [
    'partition',
    ...(opts.clients ? (['partition-clients'] as const) : []),
    ...(opts['leader-clock-ms'] !== undefined ? (['clock'] as const) : []),
  ],
  optionsSchema: partitionOptionsSchema,
  refuse({ opts, nodes, target, targetOpts }) {
    const modes = modesOf(opts);
    const noLeader = modes.includes('isolate-leader') && opts.modes !== undefined ? noLeaders(target, targetOpts) : undefined;
    if (noLeader) return `nemesis partition: ${noLeader}, so mode isolate-leader is not possible`;
    if (opts['leader-clock'] === 'strobe' && opts['leader-clock-ms'] === undefined) {
      return 'nemesis partition: leader-clock=strobe needs the amount to strobe by (--nemesis-opt partition.leader-clock-ms=-3000)';
    }
    if (opts['leader-clock-ms'] !== undefined) {
      if (!modes.includes('isolate-leader')) return 'nemesis partition: leader-clock-ms needs mode isolate-leader (--nemesis-opt partition.modes=isolate-leader)';
      if (!target.clockSkew) return `nemesis partition: leader-clock-ms needs a target whose clock can be skewed; ${target.name}'s cannot`;
    }
    if (modes.includes('custom') && !opts.grudge) return 'nemesis partition: mode custom needs --nemesis-opt partition.grudge=n1:n2+n3,…';
    if (opts.grudge) parseGrudge(opts.grudge, nodes);
    if (nodes.length < 2) return 'nemesis partition: needs at least 2 nodes';
    return undefined;
  },
  start(rng, env, opts) {
    const [mode, r1] = pickOne(rng, modesOf(opts, env.hasLeaders));
    const [grudge, r2] = drawGrudge(r1, mode, env.nodes, opts.grudge, env.down);
    return [{ f: 'start-partition', value: { mode, grudge } }, r2];
  },
  startFs: ['start-partition'],
  stop: { f: 'stop-partition' },
  healOps: [{ f: 'stop-partition' }],
  create(ctx, opts) {
    const { cluster } = ctx;
    if (!canPartition(cluster)) throw new Error('partition: this cluster cannot partition');
    let current: Grudge = {};
    const leaders = leaderFinder(ctx);
    const d = opts['leader-clock-ms'];
    const leaderClock =
      d !== undefined && canSkewClocks(cluster)
        ? new LeaderClockFault(cluster, { deltaMs: d, mode: opts['leader-clock'], periodMs: opts['leader-clock-period-ms'] })
        : undefined;
    const heal = async () => {
      const healed = current;
      let clock: ClockRestored | undefined;
      try {
        await cluster.healPartition();
        current = {};
      } finally {
        clock = await leaderClock?.restore();
      }
      return clock ? { healed, clockRestored: clock } : { healed };
    };
    return {
      fs: ['start-partition', 'stop-partition'],
      invoke: (op) =>
        attempt(async () => {
          if (op.f === 'stop-partition') return { type: 'ok', value: await heal() };
          const v = op.value as { mode: string; grudge: Grudge };
          let grudge = v.grudge;
          let leader: string | undefined;
          let fallback: LeaderFallback | undefined;
          if (v.mode === 'isolate-leader') {
            // No leader in time: isolate another node instead (and skew no clock: it leads nothing).
            const found = await leaders.find();
            fallback = found.fallback;
            const isolated = found.nodes[0]!;
            if (!fallback) leader = isolated;
            grudge = isolate(isolated, cluster.nodes.map((n) => n.name));
          }
          await cluster.partition(grudge, opts.cut);
          current = grudge;
          const clock = leader ? await leaderClock?.apply(leader) : undefined;
          return { type: 'ok', value: { mode: v.mode, grudge, cut: opts.cut, ...(opts.clients ? { clients: true } : {}), ...(fallback ? { fallback } : {}), ...clock } };
        }),
      heal,
    };
  },
};
