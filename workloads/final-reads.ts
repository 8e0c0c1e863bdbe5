/**
 * The final phase of the eventual workloads: after the faults are healed, wait `quiescence` seconds
 * for replication and anti-entropy to settle, then read every key from every client thread (so from
 * every node the threads are bound to: thread i talks to node i mod n, so give at least as many
 * threads as nodes) in rounds. A round is every thread reading every key once, in key order; after a
 * round whose reads all completed `ok` and agree key by key (sets as sets), the phase ends; otherwise
 * another round follows `interval` seconds later, up to `rounds` rounds. The convergence checker then
 * says whether the last reads agree and how long from the heal that took.
 *
 * The generator learns what each read returned through `update` (completions), and keeps what the
 * current round saw in its own immutable value: pure, like every generator.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { allFree, eachProcess, gen, phases, sleep } from '../src/core/generators/index.js';
import { canonical } from '../src/eventual/canonical.js';

/** Options of `finalReads`. */
export interface FinalReadsOptions {
  keys: readonly string[];
  /** Seconds to wait before the first round. */
  quiescence: number;
  /** Most rounds. */
  rounds: number;
  /** Seconds between rounds. */
  interval: number;
}

/** What the current round saw: the first state read of each key, and whether all reads so far agree. */
interface Seen {
  first: ReadonlyMap<string, string>;
  agree: boolean;
}

const NOTHING: Seen = { first: new Map(), agree: true };

/** One round: every thread reads every key once. */
const readEveryKey = (keys: readonly string[]): Generator => eachProcess(gen(keys.map((key) => ({ f: 'read', key }))));

function rounds(o: FinalReadsOptions, round: number, inner: Generator, seen: Seen): Generator {
  const self: Generator = {
    op(test, ctx) {
      const step = inner.op(test, ctx);
      if (step !== null) return { op: step.op, gen: rounds(o, round, step.gen, seen) };
      if (!allFree(ctx)) return { op: PENDING, gen: self };
      if ((seen.agree && seen.first.size === o.keys.length) || round >= o.rounds) return null;
      const next = o.interval > 0 ? phases(sleep(o.interval), readEveryKey(o.keys)) : readEveryKey(o.keys);
      return rounds(o, round + 1, next, NOTHING).op(test, ctx);
    },
    update(test, ctx, event) {
      const g = inner.update(test, ctx, event);
      if (event.type === 'invoke' || event.f !== 'read' || event.process === 'nemesis') return rounds(o, round, g, seen);
      if (event.type !== 'ok' || event.key === undefined) return rounds(o, round, g, { ...seen, agree: false });
      const text = canonical(event.value);
      const had = seen.first.get(event.key);
      if (had !== undefined) return rounds(o, round, g, had === text ? seen : { ...seen, agree: false });
      return rounds(o, round, g, { first: new Map([...seen.first, [event.key, text]]), agree: seen.agree });
    },
  };
  return self;
}

/** The final phase: the quiescence wait, then rounds of reads of every key until they agree. */
export function finalReads(o: FinalReadsOptions): Generator {
  if (o.keys.length === 0) throw new RangeError('finalReads: expected at least one key');
  if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new RangeError(`finalReads: rounds must be an integer >= 1, got ${o.rounds}`);
  const first = readEveryKey(o.keys);
  return rounds(o, 1, o.quiescence > 0 ? phases(sleep(o.quiescence), first) : first, NOTHING);
}
