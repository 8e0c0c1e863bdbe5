/**
 * Nemesis `partition`: cuts links between nodes as a grudge (for each node, the nodes it cannot hear
 * from), then heals. Shapes (`partition.modes`, drawn at random per fault): halves, random-halves,
 * isolate-one, majority-ring, bridge, one-way, and custom (`partition.grudge=n1:n2+n3,n2:n1`). Cut
 * links black-hole traffic by default (`partition.cut=reset` resets connections instead). Clients
 * keep reaching every node. Ops: `start-partition` {mode, grudge} → ok {mode, grudge, cut};
 * `stop-partition` → ok {healed: the grudge that was in place}.
 */
import { z } from 'zod';
import type { Rng } from '../src/core/generators/index.js';
import { canPartition, type Grudge } from '../src/runtimes/runtime.js';
import { bridge, halves, isolate, majorityRing, oneWay, parseGrudge } from './grudges.js';
import { attempt, type NemesisPackage } from './nemesis.js';
import { pickOne, shuffle } from './select.js';

export const PARTITION_MODES = ['halves', 'random-halves', 'isolate-one', 'majority-ring', 'bridge', 'one-way', 'custom'] as const;
export type PartitionMode = (typeof PARTITION_MODES)[number];

const modeList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PARTITION_MODES)).min(1));

export const partitionOptionsSchema = z.strictObject({
  /** Shapes to draw from (comma-separated); `custom` needs `grudge`. */
  modes: modeList.optional(),
  /** A custom grudge: `n1:n2+n3,n2:n1` (n1 hears neither n2 nor n3; n2 does not hear n1). */
  grudge: z.string().optional(),
  /** How a cut link behaves. */
  cut: z.enum(['blackhole', 'reset']).default('blackhole'),
});
export type PartitionOptions = z.infer<typeof partitionOptionsSchema>;

/** The shapes in use: the option, else every shape but custom (custom alone when only a grudge is given). */
function modesOf(o: PartitionOptions): PartitionMode[] {
  if (o.modes) return o.modes;
  return o.grudge ? ['custom'] : PARTITION_MODES.filter((m) => m !== 'custom');
}

/** The grudge of `mode` over `nodes`, drawing what is random from `rng`. */
export function drawGrudge(rng: Rng, mode: PartitionMode, nodes: readonly string[], custom?: string): [Grudge, Rng] {
  switch (mode) {
    case 'halves':
      return [halves(nodes), rng];
    case 'custom':
      return [parseGrudge(custom ?? '', nodes), rng];
    case 'isolate-one': {
      const [x, r] = pickOne(rng, nodes);
      return [isolate(x, nodes), r];
    }
    default: {
      const [order, r] = shuffle(rng, nodes);
      const build = { 'random-halves': halves, 'majority-ring': majorityRing, bridge, 'one-way': oneWay }[mode];
      return [build(order), r];
    }
  }
}

export const partitionNemesis: NemesisPackage<PartitionOptions> = {
  name: 'partition',
  description: 'cut links as a grudge (halves, random-halves, isolate-one, majority-ring, bridge, one-way, custom); heal',
  faults: ['partition'],
  optionsSchema: partitionOptionsSchema,
  refuse({ opts, nodes }) {
    const modes = modesOf(opts);
    if (modes.includes('custom') && !opts.grudge) return 'nemesis partition: mode custom needs --nemesis-opt partition.grudge=n1:n2+n3,…';
    if (opts.grudge) parseGrudge(opts.grudge, nodes);
    if (nodes.length < 2) return 'nemesis partition: needs at least 2 nodes';
    return undefined;
  },
  start(rng, env, opts) {
    const [mode, r1] = pickOne(rng, modesOf(opts));
    const [grudge, r2] = drawGrudge(r1, mode, env.nodes, opts.grudge);
    return [{ f: 'start-partition', value: { mode, grudge } }, r2];
  },
  stop: { f: 'stop-partition' },
  healOps: [{ f: 'stop-partition' }],
  create({ cluster }, opts) {
    if (!canPartition(cluster)) throw new Error('partition: this cluster cannot partition');
    let current: Grudge = {};
    const heal = async () => {
      const healed = current;
      await cluster.healPartition();
      current = {};
      return { healed };
    };
    return {
      fs: ['start-partition', 'stop-partition'],
      invoke: (op) =>
        attempt(async () => {
          if (op.f === 'stop-partition') return { type: 'ok', value: await heal() };
          const v = op.value as { mode: string; grudge: Grudge };
          await cluster.partition(v.grudge, opts.cut);
          current = v.grudge;
          return { type: 'ok', value: { mode: v.mode, grudge: v.grudge, cut: opts.cut } };
        }),
      heal,
    };
  },
};
