/**
 * The nemesis schedule (Jepsen's combined nemesis generator), pure and seeded by the run's seed:
 * the first fault comes one interval after the start; then, after each nemesis op completes, it waits
 * a random gap in [0.5, 1.5) × interval and takes the next package of the current round — starting a
 * fault if that package has none running, ending it if it has. A round is every chosen package once,
 * in a shuffled order; when it is used up the next round is shuffled. So every kind of fault occurs
 * before any kind repeats (a short run still shows each one), kinds overlap and interleave in a
 * seeded order, and each package alternates start and stop: odd rounds start faults, even rounds end
 * them.
 *
 * Packages that must run alone (`alone`: the leader-aware faults, power loss) stay out of those
 * rounds. After each pair of rounds — when every other fault has just been ended — comes a round of
 * them, each started and then stopped before the next one starts; then the overlapping rounds begin
 * again. A cycle is thus: start the others, stop them, run each lone one. With only lone packages,
 * every round is a round of them. A lone round is not shuffled: it goes in LONE_ORDER, short faults
 * first, so that a long stale-leader episode (up to ~20 s with its retries) never pushes a power loss
 * past the end of a run. And a lone fault starts as soon as the op before it completed, without the
 * random wait: nothing else is in force then, each lone fault times its own window, and the wait only
 * spent the run — in a 60 s run with the default 5 s interval the lone round begins at about 35 s (40 s
 * and more on a loaded machine), and with two waits before it the stale-leader episode began after
 * 50 s in 4 of 10 seeds under load and found nothing before the load ended.
 *
 * The schedule keeps the nodes that faults in force hold down (killed, paused, powered off: as the
 * start op's completion named them, else as the start op did) and passes them to each package that draws nodes (`ScheduleEnv.down`): a
 * kill of a node already paused, or a partition that isolates a dead node, changed nothing in a run
 * (in one measured etcd run the whole first round of kill, pause and partition hit the same node).
 * A leader fault names its node only when it completes: a pause drawn after a leader kill spared no
 * one until the completion was read, and in an external-runtime run the pause's command then failed
 * on the dead node.
 *
 * `healGenerator` is the guaranteed heal of the final phase: every package's heal ops on the nemesis
 * thread, in HEAL_ORDER.
 */
import { PENDING, type GenContext, type GenTest, type Generator } from '../src/core/generator.js';
import { initialRng, randFloat, type Rng } from '../src/core/generators/index.js';
import { someFreeProcess } from '../src/core/generators/context.js';
import { gen, sequence } from '../src/core/generators/lift.js';
import type { Op } from '../src/core/op.js';
import type { FaultKind } from '../src/runtimes/runtime.js';
import type { NemesisPackage, ScheduleEnv } from './nemesis.js';
import { shuffle } from './select.js';

/** A package with its validated options. */
export interface ChosenNemesis {
  pkg: NemesisPackage;
  opts: unknown;
}

export interface ScheduleOptions {
  /** Mean seconds between nemesis ops. */
  interval: number;
  /** Whether the target can say which node leads (for `leader` targets). */
  hasLeaders: boolean;
  /** Whether the target's peer traffic is message-framed (default true). */
  framedLinks?: boolean;
  /** The fault kinds the runtime can apply to the target (default: all). */
  faults?: readonly FaultKind[];
  /** Explicit seed (default: derived from the run's seed). */
  seed?: number;
}

interface State {
  rng: Rng | null;
  active: readonly boolean[];
  /** The nodes each active package that downs nodes holds (as its start op or that op's completion named them). */
  held: readonly (readonly string[])[];
  /** The package whose op is in flight (phase 'busy'). */
  busy?: number;
  /** The packages (indices into `chosen`) left in the current round, next first. */
  round: readonly number[];
  /** Rounds begun so far. */
  rounds: number;
  /** 'init': the first wait is still to come; 'ready': an op is due at `nextAt`; 'busy': an op is in flight. */
  phase: 'init' | 'ready' | 'busy';
  nextAt: number | null;
}

/** The schedule of `chosen`, forever (bound it with timeLimit). Run it with onNemesis. */
export function nemesisSchedule(chosen: readonly ChosenNemesis[], o: ScheduleOptions): Generator {
  if (!(o.interval > 0)) throw new RangeError(`nemesisSchedule: interval must be > 0 seconds, got ${o.interval}`);
  if (chosen.length === 0) return gen([]);
  const intervalNs = o.interval * 1e9;
  const overlapping = chosen.flatMap((c, j) => (c.pkg.alone ? [] : [j]));
  const lone = chosen.flatMap((c, j) => (c.pkg.alone ? [j] : []));
  const loneRank = (j: number) => rankIn(LONE_ORDER, chosen[j]!.pkg.name);
  const loneOrder = [...lone].sort((a, b) => loneRank(a) - loneRank(b) || a - b);
  /** Whether round number `n` (from 0) is a lone one: two rounds of the overlapping packages, then one of the lone ones. */
  const isLoneRound = (n: number): boolean => lone.length > 0 && (overlapping.length === 0 || n % 3 === 2);
  const nextRound = (rng: Rng, n: number): [number[], Rng] => (isLoneRound(n) ? [loneOrder.flatMap((j) => [j, j]), rng] : shuffle(rng, overlapping));
  /** Whether the next op starts a lone fault (it comes as soon as the op before it completed). */
  const loneStartsNext = (s: State): boolean => {
    const next = s.round.length > 0 ? s.round[0]! : isLoneRound(s.rounds) ? loneOrder[0]! : undefined;
    return next !== undefined && chosen[next]!.pkg.alone === true && !s.active[next];
  };
  const make = (s: State): Generator => ({
    op(test: GenTest, ctx: GenContext) {
      const process = someFreeProcess(ctx);
      if (process === undefined || s.phase === 'busy') return { op: PENDING, gen: make(s) };
      const rng = s.rng ?? initialRng(test, o.seed, 'nemesis-schedule');
      if (s.phase === 'init') {
        return { op: { type: 'sleep', process, time: ctx.time, f: 'sleep', value: o.interval }, gen: make({ ...s, rng, phase: 'ready' }) };
      }
      const [order, r1, rounds]: readonly [readonly number[], Rng, number] = s.round.length > 0 ? [s.round, rng, s.rounds] : [...nextRound(rng, s.rounds), s.rounds + 1];
      const i = order[0]!;
      const round = order.slice(1);
      const { pkg, opts } = chosen[i]!;
      const down = [...new Set(s.held.flat())].sort();
      const env: ScheduleEnv = { nodes: test.nodes, hasLeaders: o.hasLeaders, framedLinks: o.framedLinks, ...(o.faults ? { faults: o.faults } : {}), ...(down.length ? { down } : {}) };
      const [template, r2] = s.active[i] ? [pkg.stop, r1] : pkg.start(r1, env, opts);
      const active = s.active.map((a, j) => (j === i ? !a : a));
      const held = s.held.map((h, j) => (j !== i ? h : active[i] && pkg.downsNodes ? nodesOf(template.value) : []));
      const time = Math.max(ctx.time, s.nextAt ?? ctx.time);
      const op = { type: 'invoke' as const, process, time, f: template.f, value: template.value ?? null };
      return { op, gen: make({ rng: r2, active, held, busy: i, round, rounds, phase: 'busy', nextAt: null }) };
    },
    update(_test: GenTest, _ctx: GenContext, event: Op) {
      if (event.process !== 'nemesis' || event.type === 'invoke' || s.phase !== 'busy' || !s.rng) return make(s);
      const [u, rng] = randFloat(s.rng);
      const gap = loneStartsNext(s) ? 0 : Math.round((0.5 + u) * intervalNs);
      const i = s.busy;
      const named = i !== undefined && s.active[i] && chosen[i]!.pkg.downsNodes ? nodesOf(event.value) : [];
      const held = named.length > 0 ? s.held.map((h, j) => (j === i ? named : h)) : s.held;
      return make({ ...s, rng, held, phase: 'ready', nextAt: event.time + gap });
    },
  });
  return make({ rng: null, active: chosen.map(() => false), held: chosen.map(() => []), round: [], rounds: 0, phase: 'init', nextAt: null });
}

/** The nodes a start op's value names (`{nodes: [...]}`), none when it names none (a leader resolved when it runs). */
function nodesOf(value: unknown): string[] {
  const nodes = (value as { nodes?: unknown } | null | undefined)?.nodes;
  return Array.isArray(nodes) ? nodes.filter((n): n is string => typeof n === 'string') : [];
}

/** The order of a lone round: short faults first (a package not named here goes last). */
export const LONE_ORDER = ['power-loss', 'stale-leader'];

/** Where `name` comes in `order`; names not in it after all that are. */
function rankIn(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** The order of the final heal: partitions first, then a stale leader (cut off, clock, pause), paused, killed, powered off, clocks, link faults. */
export const HEAL_ORDER = ['partition', 'stale-leader', 'pause', 'kill', 'power-loss', 'clock', 'packet'];

/** The final heal: each package's heal ops, in HEAL_ORDER (run it on the nemesis thread). */
export function healGenerator(chosen: readonly ChosenNemesis[]): Generator {
  return sequence([...chosen].sort((a, b) => rankIn(HEAL_ORDER, a.pkg.name) - rankIn(HEAL_ORDER, b.pkg.name)).flatMap((c) => c.pkg.healOps).map((t) => gen({ f: t.f, value: t.value })));
}
