/**
 * One stale-leader episode (the `stale-leader` nemesis, stale-leader.ts, schedules it): two acts,
 * each on whoever leads when it begins, each opening a window in which a leader answers from a past
 * the cluster has left.
 *
 * `pause-cut` — stale reads after a pause. Set the leader's wall clock back (a suspended VM's clock
 * stands still while it is stopped: by more than the pause, a lease it held looks fresh when it
 * resumes), stop it, cut it off while it is stopped, wait longer than an election while the others
 * move on, and resume it still cut off. Having been stopped, it has not counted its followers
 * missing: until its next check of them it still believes it leads — forever if it does not check —
 * and answers reads, and lease reads on a clock that lies. It stays cut off until the stop op, or,
 * when the next act follows, for a window: at least the pause, and past it until one of its clients
 * read after the others wrote (bounded by `maxWindowFor`, past the op timeout that frees clients stuck
 * through the pause); then it is reconnected and its clock put back.
 *
 * `cut-after-write` — lost acknowledgements. Wait until a client bound to the leader L has a write
 * acknowledged (the history watch), so L is serving writes; cut L off from the other nodes at once
 * (clients still reach it). What L acknowledges now no other node will ever have, and what it reads
 * from its own state is stale once the others have elected a new leader and taken writes. L stays cut
 * off `holdMs` after the new leader is named — long enough for it to commit in its term, so that L,
 * whose log is longer, cannot win an election back and keep what it acknowledged alone — and, when it
 * acknowledged a write alone, until a client of another node read that key (only a read that misses
 * the write shows it lost; at most `staleBoundFor`) — then it is reconnected, and learns it was
 * deposed. The act is for nothing unless L acknowledged a write while cut off, and its clients may all be waiting on reads and compare-and-sets it cannot commit: so it
 * is played again, on whoever leads then, until L did (or `cutAttempts` times, or no client wrote
 * within `afterWriteMs`: the load phase is over, and the heal that ends the run waits for the episode). Only a write invoked
 * after the cut and acknowledged before another leader is named counts: after that, a client bound
 * to L that follows the leader's redirects may have been answered by the new one. It comes second:
 * its attempts take seconds each, and an episode late in a run must not lose the pause to them.
 *
 * Without the partition ability (etcd on the local runtime) there is no cut: `cut-after-write` is
 * left out and the leader is only paused and resumed, to answer before it catches up — what it
 * answers from its past then are the reads already waiting on it, so it stays stopped (at least
 * `pauseMs`, at most `staleBoundFor`) until one of its clients sent a read after the others took a
 * write on that key. `undo` (the
 * stop op, and the heal, which also ends an episode still running) resumes, reconnects and puts back
 * the clock of whatever is in force.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Completion } from '../src/core/op.js';
import { canPartition, canPause, canSkewClocks, type Grudge } from '../src/runtimes/runtime.js';
import { isolate } from './grudges.js';
import type { NemesisContext } from './nemesis.js';
import { awaitLeaders } from './leader-lookup.js';
import { awaitOtherLeader, awaitWrite, watchReadElsewhere, watchStaleReadChance, watchWrite } from './stale-leader-waits.js';

/** The acts, in the order an episode plays them. */
export const ACTS = ['pause-cut', 'cut-after-write'] as const;
export type Act = (typeof ACTS)[number];

/** How an episode runs (the package's options, resolved). */
export interface EpisodeOptions {
  acts: readonly Act[];
  /** How long `pause-cut` keeps the leader stopped. */
  pauseMs: number;
  /**
   * How long `pause-cut` keeps the resumed leader cut off before the next act (not set: at least
   * `pauseMs`, then until a read could show the leader stale, at most `staleBoundFor`).
   */
  windowMs?: number;
  /** Cut leaders off (needs the partition ability); without it `cut-after-write` is left out. */
  cut: boolean;
  /** `pause-cut` sets the leader's wall clock back by this much before stopping it (0: leave it). */
  clockBackMs: number;
  /** `cut-after-write` waits at most this long for a write acknowledged to a client bound to the leader. */
  afterWriteMs: number;
  /** `cut-after-write` keeps the old leader cut off this long after another is named. */
  holdMs: number;
  /** `cut-after-write` is played at most this many times, until a cut-off leader acknowledged a write. */
  cutAttempts: number;
}

/**
 * How long a fault that waits for a read to show a stale or lost value may last at most: `pauseMs`,
 * or two op timeouts and a second when that is longer. The clients are stuck through a pause or a
 * cut — those bound to the leader on writes it cannot commit, the others' on writes that were
 * forwarded to it (etcd) — and only the op timeout frees them; a client of the cut-off leader that
 * then writes again is stuck once more. A `pause-cut` window of `pauseMs` closed before anyone read
 * from the stale leader what the others wrote meanwhile (measured on etcd with serializable reads: no
 * read at all on the cut-off node), and one op timeout and a second was often still too short.
 */
export function staleBoundFor(o: EpisodeOptions, opTimeoutMs: number | undefined): number {
  return Math.max(o.pauseMs, opTimeoutMs === undefined ? 0 : 2 * opTimeoutMs + 1_000);
}

/** The longest `pause-cut` window: `windowMs` when given, else `staleBoundFor`. */
export function maxWindowFor(o: EpisodeOptions, opTimeoutMs: number | undefined): number {
  return o.windowMs ?? staleBoundFor(o, opTimeoutMs);
}

/**
 * Waits at least `minMs`, then until `watch` (started now, and ended `maxMs` from now) has seen what
 * it waits for; resolves with what it saw, or null.
 */
async function atLeastThenUntil<T>(minMs: number, maxMs: number, signal: AbortSignal, watch: (until: AbortSignal) => Promise<T | null>): Promise<T | null> {
  const seen = watch(AbortSignal.any([signal, AbortSignal.timeout(maxMs)]));
  await sleep(minMs, undefined, { signal });
  const got = await seen;
  signal.throwIfAborted();
  return got;
}

/** How long a read sent to a stopped leader is given to reach it before the leader is resumed. */
export const PENDING_READ_SETTLE_MS = 100;

/** Time for a node to read a new clock offset (raft-kv re-reads its offset file every 50 ms). */
export const CLOCK_SETTLE_MS = 200;

/** How long an act waits for the cluster to name a leader before the episode fails "no leader found". */
export const EPISODE_LEADER_WAIT = { waitMs: 5_000, pollMs: 100 } as const;

/** What is in force, so that `undo` puts back exactly that. */
interface InForce {
  paused?: string;
  cut?: Grudge;
  clock?: { node: string; was: number };
}

/** Runs episodes on one cluster, one at a time. */
export class StaleLeaderEpisode {
  private inForce: InForce = {};
  private running: Promise<unknown> = Promise.resolve();
  private stop = new AbortController();

  constructor(private readonly ctx: NemesisContext) {}

  /** Plays the acts of `plan`; the completion says what each did. Throws (→ info) when healed midway. */
  start(plan: EpisodeOptions): Promise<Completion> {
    this.stop = new AbortController();
    const signal = this.stop.signal;
    const prior = this.inForce; // an episode never stopped: put it back first
    this.inForce = {};
    const run = this.putBack(prior).then(() => this.play(plan, signal));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async play(o: EpisodeOptions, signal: AbortSignal): Promise<Completion> {
    if (!canPause(this.ctx.cluster)) throw new Error('stale-leader: this cluster cannot pause nodes');
    const acts: Record<string, unknown>[] = [];
    const playing = ACTS.filter((a) => o.acts.includes(a) && (a !== 'cut-after-write' || (o.cut && canPartition(this.ctx.cluster))));
    for (const [k, act] of playing.entries()) {
      const times = act === 'cut-after-write' ? Math.max(1, o.cutAttempts) : 1;
      for (let i = 0; i < times; i++) {
        // A lone episode may begin right after a power loss or a heal: give an election time to end.
        const [leader] = await awaitLeaders(this.ctx, EPISODE_LEADER_WAIT, signal);
        if (!leader) return { type: 'fail', value: { acts, leader: null }, error: `no leader found for ${act}` };
        const done = act === 'cut-after-write' ? await this.cutAfterWrite(o, leader, signal, i > 0) : await this.pauseCut(o, leader, signal);
        if (act === 'pause-cut' && k < playing.length - 1) Object.assign(done, await this.closeWindow(o, leader, signal));
        acts.push({ act, node: leader, ...done });
        if (done.ackedWhileCut || done.noWrites) break;
      }
    }
    return { type: 'ok', value: { acts } };
  }

  /**
   * Before another act: leaves the resumed leader serving from its past (alone, the window lasts
   * until the stop op), then reconnects it and puts its clock back. The window lasts `windowMs` when
   * given; else at least `pauseMs` and, past that, until a client bound to the leader had a read
   * answered that could show it stale (`watchStaleReadChance`), at most `maxWindowFor`.
   */
  private async closeWindow(o: EpisodeOptions, node: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    const start = performance.now();
    const maxMs = maxWindowFor(o, this.ctx.opTimeoutMs);
    let staleReadChance: Record<string, unknown> | null | undefined;
    if (o.windowMs !== undefined || maxMs <= o.pauseMs || !this.ctx.history) {
      await sleep(maxMs, undefined, { signal });
    } else {
      staleReadChance = await atLeastThenUntil(o.pauseMs, maxMs, signal, (until) => watchStaleReadChance(this.ctx, node, until));
    }
    const windowMs = Math.round(performance.now() - start);
    const closing = this.inForce; // pause-cut has resumed the leader: its cut and clock remain
    this.inForce = {};
    return { windowMs, maxWindowMs: maxMs, ...(staleReadChance === undefined ? {} : { staleReadChance }), closed: await this.putBack(closing) };
  }

  /** One attempt; `again` (not the first): without a write to cut after, none is made (`noWrites`). */
  private async cutAfterWrite(o: EpisodeOptions, node: string, signal: AbortSignal, again: boolean): Promise<Record<string, unknown>> {
    const afterWrite = await awaitWrite(this.ctx, node, o.afterWriteMs, signal);
    // No client wrote within after-write-ms (the load is over, or clients are stuck): cutting again
    // cannot lose a write, and the heal that ends the run waits for this episode.
    if (again && afterWrite === null && o.afterWriteMs > 0 && this.ctx.history) return { afterWrite, noWrites: true };
    const cut = await this.cutOff(node);
    const watching = new AbortController();
    const acked = watchWrite(this.ctx, node, AbortSignal.any([signal, watching.signal]), true);
    try {
      const newLeader = await awaitOtherLeader(this.ctx, node, signal);
      // From now on a client bound to L that follows redirects may be answered by the new leader.
      watching.abort();
      const ackedWhileCut = await acked;
      // A write L acknowledged alone is lost, but only a read that misses it shows that, before the
      // key is written again — by L's own clients, too, once L is back. So L stays cut off past the
      // hold until a client of another node read that key (at most staleBoundFor).
      const bound = staleBoundFor(o, this.ctx.opTimeoutMs);
      let readElsewhere: Record<string, unknown> | null | undefined;
      if (ackedWhileCut && this.ctx.history && bound > o.holdMs) {
        const key = typeof ackedWhileCut.key === 'string' ? ackedWhileCut.key : undefined;
        readElsewhere = await atLeastThenUntil(o.holdMs, bound, signal, (until) => watchReadElsewhere(this.ctx, node, key, until));
      } else {
        await sleep(o.holdMs, undefined, { signal });
      }
      if (canPartition(this.ctx.cluster)) await this.ctx.cluster.healPartition();
      this.inForce.cut = undefined;
      return { afterWrite, cut, ackedWhileCut, newLeader, ...(readElsewhere === undefined ? {} : { readElsewhere }), healed: true };
    } finally {
      watching.abort();
    }
  }

  private async pauseCut(o: EpisodeOptions, node: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    const { cluster } = this.ctx;
    const out: Record<string, unknown> = {};
    if (o.clockBackMs > 0 && canSkewClocks(cluster)) {
      const was = cluster.clockOffsets()[node] ?? 0;
      this.inForce.clock = { node, was };
      await cluster.setClockOffset(node, was - o.clockBackMs);
      out.clockOffsets = { [node]: was - o.clockBackMs };
      await sleep(CLOCK_SETTLE_MS, undefined, { signal });
    }
    if (!canPause(cluster)) throw new Error('stale-leader: this cluster cannot pause nodes');
    this.inForce.paused = node; // before applying: a half-applied fault is still undone
    await cluster.pause(node);
    const pausedAt = performance.now();
    const cut = o.cut && canPartition(cluster);
    if (cut) out.cut = await this.cutOff(node);
    const bound = staleBoundFor(o, this.ctx.opTimeoutMs);
    if (cut || o.windowMs !== undefined || bound <= o.pauseMs || !this.ctx.history) {
      await sleep(o.pauseMs, undefined, { signal });
    } else {
      // Not cut off, the leader catches up within a heartbeat of its resume: only reads already
      // waiting on it when it resumes are answered from its past, and only those invoked after the
      // others took a write can show it. Its clients are stuck through the pause on what they sent
      // before it (until the op timeout): it stays stopped until one of them sent such a read.
      out.pendingStaleRead = await atLeastThenUntil(o.pauseMs, bound, signal, (until) => watchStaleReadChance(this.ctx, node, until, 'invoke'));
      if (out.pendingStaleRead) await sleep(PENDING_READ_SETTLE_MS, undefined, { signal });
    }
    await cluster.resume(node);
    this.inForce.paused = undefined;
    out.pausedMs = Math.round(performance.now() - pausedAt);
    return out;
  }

  /** Cuts `node` off from every other node (clients still reach it); the grudge applied. */
  private async cutOff(node: string): Promise<Grudge> {
    const { cluster } = this.ctx;
    if (!canPartition(cluster)) throw new Error('stale-leader: this cluster cannot cut links');
    const grudge = isolate(node, cluster.nodes.map((n) => n.name));
    this.inForce.cut = grudge;
    await cluster.partition(grudge);
    return grudge;
  }

  /** Ends the episode (a running one first): resumes, reconnects, puts clocks back. */
  async undo(): Promise<Record<string, unknown>> {
    this.stop.abort();
    await this.running;
    const f = this.inForce;
    this.inForce = {};
    return this.putBack(f);
  }

  private async putBack(f: InForce): Promise<Record<string, unknown>> {
    const { cluster } = this.ctx;
    const out: Record<string, unknown> = {};
    if (f.paused && canPause(cluster)) {
      await cluster.resume(f.paused);
      out.resumed = f.paused;
    }
    if (f.cut && canPartition(cluster)) {
      await cluster.healPartition();
      out.healed = f.cut;
    }
    if (f.clock && canSkewClocks(cluster)) {
      await cluster.setClockOffset(f.clock.node, f.clock.was);
      out.clockRestored = f.clock;
    }
    return out;
  }
}
