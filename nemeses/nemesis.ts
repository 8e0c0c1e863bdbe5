/**
 * Nemeses: the fault side of a test (Jepsen's nemesis). A nemesis package bundles
 *  - what it needs from the runtime (`faults`), checked before anything starts, so a runtime/target
 *    pair that cannot apply it is refused with a one-line message instead of being skipped;
 *  - its options (`--nemesis-opt <name>.<key>=value`, validated with its zod schema);
 *  - its schedule: pure, seeded functions that draw the op that starts a fault and give the op that
 *    ends it (nemeses/schedule.ts interleaves the chosen packages);
 *  - the ops of the final heal, and `create`, which turns nemesis ops into runtime fault calls.
 *
 * Every nemesis op runs on the `nemesis` process; its completion value says exactly what was done
 * (the grudge, the nodes, the offsets), and invoke/complete times bracket it. A nemesis never throws
 * at the caller: a failure is an `info` completion with the error. `heal()` undoes everything the
 * nemesis did, whatever the schedule reached; it is what the final phase and interruptions rely on.
 */
import type { z } from 'zod';
import type { Logger } from '../src/core/logger.js';
import type { Completion, Op, OpTemplate } from '../src/core/op.js';
import type { Target } from '../src/core/target.js';
import type { Rng } from '../src/core/generators/index.js';
import type { Cluster, FaultKind } from '../src/runtimes/runtime.js';

/**
 * The run's history as it is recorded, for a nemesis that times a fault by what clients just did
 * (e.g. cut the leader off right after it acknowledged a write). The runner provides it.
 */
export interface HistoryWatch {
  /** The node a client process is bound to (its worker's node); undefined for the nemesis. */
  homeOf(process: Op['process']): string | undefined;
  /**
   * The first record appended after this call for which `pred` holds; undefined when `signal`
   * aborts first.
   */
  next(pred: (op: Op) => boolean, signal: AbortSignal): Promise<Op | undefined>;
}

/** What a nemesis acts on. */
export interface NemesisContext {
  cluster: Cluster;
  target: Target<any>;
  targetOpts: unknown;
  logger: Logger;
  /** The history as it is recorded (absent outside a run: a nemesis must do without it). */
  history?: HistoryWatch;
  /**
   * The run's op timeout in ms (`--op-timeout`): how long a client may wait on one op before it is
   * given up as indeterminate (absent outside a run). A fault that must outlast a client stuck on
   * an op, so that its next op meets the fault, needs it.
   */
  opTimeoutMs?: number;
}

/** A live nemesis: turns nemesis ops into faults. */
export interface Nemesis {
  /** The op functions it handles. */
  readonly fs: readonly string[];
  invoke(op: Op): Promise<Completion>;
  /** Undoes every fault it applied; resolves with what it did; never throws. */
  heal(): Promise<unknown>;
}

/** Facts the pure schedule may use. */
export interface ScheduleEnv {
  nodes: readonly string[];
  /** The target can say which node leads. */
  hasLeaders: boolean;
  /**
   * The fault kinds the runtime can apply to the target (a nemesis draws only what is possible);
   * default: all, except that without `framedLinks` loss and duplication are not.
   */
  faults?: readonly FaultKind[];
  /** Peer traffic is message-framed (loss and duplication possible when `faults` is not given); default true. */
  framedLinks?: boolean;
  /**
   * Nodes that faults in force hold down right now (killed, paused, powered off), as far as the
   * schedule knows them (a `leader` target is resolved only when its op runs). A fault drawn at
   * random prefers the others: killing a node already killed, or cutting one off, changes nothing.
   */
  down?: readonly string[];
}

/** What a package's own up-front check sees. */
export interface RefuseContext<Opts> {
  target: Target<any>;
  /** The target's options (validated, or the raw `--target-opt` strings; undefined: its defaults). */
  targetOpts?: unknown;
  opts: Opts;
  nodes: readonly string[];
}

/** A nemesis as the registry knows it. */
export interface NemesisPackage<Opts = any> {
  name: string;
  description: string;
  /** Runtime abilities it needs. */
  faults: readonly FaultKind[];
  /** Abilities it needs with these options, in place of `faults` (which lists what it needs by default). */
  faultsFor?(opts: Opts): readonly FaultKind[];
  optionsSchema: z.ZodType<Opts>;
  /**
   * Fills in options whose defaults depend on what the runtime can do to the target (`can(fault)`:
   * no refusal), once they are validated and before anything else reads them.
   */
  adapt?(opts: Opts, can: (fault: FaultKind) => boolean): Opts;
  /** Refusals beyond the runtime's (e.g. loss needs a message-framed protocol); one line or undefined. */
  refuse?(c: RefuseContext<Opts>): string | undefined;
  create(ctx: NemesisContext, opts: Opts): Nemesis;
  /** Draws the op that starts a fault (pure: the same rng gives the same op). */
  start(rng: Rng, env: ScheduleEnv, opts: Opts): [OpTemplate, Rng];
  /** The `f`s of the ops `start` draws (`stop.f` ends them): how a recorded history is read back. */
  startFs: readonly string[];
  /** The op that ends whatever this package's faults are. */
  stop: OpTemplate;
  /**
   * While its fault lasts, the nodes named in the start op's completion (`value.nodes`) are down —
   * they answer nothing (killed, stopped, paused). Read back for the run's per-node downtime.
   */
  downsNodes?: boolean;
  /**
   * Its stop op starts the nodes it names afresh (a restart after a kill), which ends every other
   * fault holding them down too: a restarted process is not paused.
   */
  restartsNodes?: boolean;
  /**
   * Its fault needs a cluster no other fault disturbs (a leader to find, a majority that moves on
   * without it, writes flowing): the schedule runs it on its own, started and then stopped while
   * no other fault is in force (nemeses/schedule.ts).
   */
  alone?: boolean;
  /** Ops of the final heal, in order. */
  healOps: readonly OpTemplate[];
}

/** Runs `fn`, turning a throw into an `info` completion. */
export async function attempt(fn: () => Promise<Completion>): Promise<Completion> {
  try {
    return await fn();
  } catch (e) {
    return { type: 'info', error: e instanceof Error ? e.message : String(e) };
  }
}

/** One nemesis routing each op to the member that handles its `f` (Jepsen's compose). */
export function composeNemeses(members: readonly Nemesis[]): Nemesis {
  const byF = new Map<string, Nemesis>();
  for (const m of members) for (const f of m.fs) byF.set(f, m);
  return {
    fs: [...byF.keys()],
    async invoke(op) {
      const m = byF.get(op.f);
      if (!m) return { type: 'fail', error: `no nemesis handles ${op.f}` };
      return attempt(() => m.invoke(op));
    },
    async heal() {
      const out: unknown[] = [];
      for (const m of members) out.push(await m.heal().catch((e: unknown) => ({ error: String(e) })));
      return out;
    },
  };
}

/** The runtime abilities `pkg` needs with `opts`. */
export function faultsOf<Opts>(pkg: NemesisPackage<Opts>, opts: Opts): readonly FaultKind[] {
  return pkg.faultsFor?.(opts) ?? pkg.faults;
}
