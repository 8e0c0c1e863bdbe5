/**
 * A deterministic simulation of the interpreter on a simulated clock (Jepsen's generator test
 * helpers), for testing generators by their exact op sequence. Time starts at 0 ns; every invoke
 * completes after `latency` ns (fixed, or a function of the invoke) as decided by `complete` (default:
 * `ok`, keeping the invoke's value). An `info` moves the thread to process + concurrency. Of events
 * due at the same instant, completions come before new invokes. Sleep ops hold their thread; log ops
 * are dropped; neither is recorded. Returns the full history (invokes and completions).
 */
import { PENDING, PENDING_POLL_NS, type GenOp, type GenTest, type Generator, type Thread } from '../generator.js';
import type { Completion, Op } from '../op.js';
import { gen as lift, type GenLike } from './lift.js';
import { integer, nonNegative } from './validate.js';
import { workerTable } from './worker-table.js';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Client threads. */
  concurrency: number;
  /** Add a nemesis thread (default false). */
  nemesis?: boolean;
  /** Nanoseconds from invoke to completion, fixed or per invoke (default 10). */
  latency?: number | ((invoke: Op) => number);
  /** The run seed handed to the generator as `test.seed` (default 0). */
  seed?: number;
  /** Stop generating after this many invokes, then complete those in flight (default 10,000). */
  maxOps?: number;
  /** The outcome of an invoke (default `{type: 'ok'}`). */
  complete?: (invoke: Op) => Completion;
  /** Node names for `test.nodes` (default n1..n5). */
  nodes?: readonly string[];
}

type InFlight = { at: number; seq: number; thread: Thread; invoke?: Op; c?: Completion };

/** Consecutive polls of a pending generator with nothing in flight before simulate gives up. */
const MAX_STALLS = 100_000;

/** Runs `g` to exhaustion (or `maxOps` invokes) on a simulated clock; returns the history. */
export function simulate(g: GenLike, o: SimulateOptions): Op[] {
  const concurrency = integer('simulate', 'concurrency', o.concurrency, 1);
  const maxOps = integer('simulate', 'maxOps', o.maxOps ?? 10_000, 0, true);
  const latency = typeof o.latency === 'function' ? o.latency : ((l) => () => l)(nonNegative('simulate', 'latency', o.latency ?? 10));
  const complete = o.complete ?? (() => ({ type: 'ok' }) as Completion);
  const test: GenTest = { concurrency, nodes: o.nodes ?? ['n1', 'n2', 'n3', 'n4', 'n5'], seed: o.seed ?? 0 };
  const table = workerTable(concurrency, o.nemesis ?? false);
  const history: Op[] = [];
  const inflight: InFlight[] = [];
  let gen: Generator | null = lift(g);
  let time = 0;
  let seq = 0;
  let invokes = 0;
  let stalls = 0;

  const completeNext = () => {
    const e = inflight.shift()!;
    time = Math.max(time, e.at);
    table.release(e.thread);
    if (!e.invoke) return;
    const { invoke, c } = e as Required<InFlight>;
    const op: Op = { index: history.length, time, process: invoke.process, type: c.type, f: invoke.f, value: c.value !== undefined ? c.value : invoke.value };
    if (invoke.key !== undefined) op.key = invoke.key;
    if (c.error !== undefined) op.error = c.error;
    history.push(op);
    if (gen) gen = gen.update(test, table.context(time), op);
    if (c.type === 'info') table.retire(e.thread);
  };
  const schedule = (e: Omit<InFlight, 'seq'>) => {
    const x = { ...e, seq: seq++ };
    let i = inflight.length;
    while (i > 0 && inflight[i - 1]!.at > x.at) i--;
    inflight.splice(i, 0, x);
  };
  const dispatch = (g: GenOp, next: Generator) => {
    gen = next;
    const thread = table.threadOf(g.process);
    if (thread === undefined || !table.isFree(thread)) throw new Error(`simulate: generator emitted ${g.f} for process ${String(g.process)}, which is ${thread === undefined ? 'no current process' : 'busy'}`);
    if (g.type === 'log') return;
    table.take(thread);
    if (g.type === 'sleep') return schedule({ at: time + Math.round(Number(g.value) * 1e9), thread });
    invokes++;
    const op: Op = { index: history.length, time, process: g.process, type: 'invoke', f: g.f, value: g.value ?? null };
    if (g.key !== undefined) op.key = g.key;
    history.push(op);
    gen = gen.update(test, table.context(time), op);
    schedule({ at: time + latency(op), thread, invoke: op, c: complete(op) });
  };

  for (;;) {
    if (!gen || invokes >= maxOps) {
      if (inflight.length === 0) break;
      completeNext();
      continue;
    }
    const step = gen.op(test, table.context(time));
    if (step === null) gen = null;
    else if (step.op === PENDING) {
      gen = step.gen;
      if (inflight.length > 0) completeNext();
      else if (++stalls > MAX_STALLS) throw new Error(`simulate: generator pending with nothing in flight for ${MAX_STALLS} polls (t=${time} ns)`);
      else time += PENDING_POLL_NS;
    } else if (inflight.length > 0 && inflight[0]!.at <= step.op.time) completeNext();
    else {
      stalls = 0;
      time = Math.max(time, step.op.time);
      dispatch(step.op, step.gen);
    }
  }
  return history;
}
