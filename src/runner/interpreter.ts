/**
 * The generator interpreter (Jepsen's `generator.interpreter`): runs a pure generator against real
 * asynchronous workers, one per thread, and records every invoke and completion in the history.
 *
 * One loop owns all state. Each turn it first applies the completions that arrived (in the order
 * they happened: free the thread, record, `gen.update`, and after an `info` move the thread to
 * process + concurrency), then asks the generator for an op. An op due now is dispatched at once; an
 * op due later is held while the loop waits for whichever comes first, a completion or its time (one
 * timer); `pending` waits for a completion only. Sleep ops hold their thread for a while without a
 * worker or a history record; log ops go to `log`. On abort, or when the generator is exhausted or
 * throws, the loop stops asking and waits for the ops in flight before it returns (or rethrows).
 */
import { PENDING, PENDING_POLL_NS, type GenOp, type GenTest, type Generator, type Thread } from '../core/generator.js';
import { workerTable } from '../core/generators/worker-table.js';
import type { HistorySink } from '../core/history-writer.js';
import type { Completion, Op, ProcessId } from '../core/op.js';
import type { Clock } from './clock.js';
import { inbox } from './inbox.js';

export { realClock, type Clock } from './clock.js';

/** Performs ops for one thread. `invoke` never rejects (a rejection is recorded as `info`). */
export interface Worker {
  invoke(op: Op): Promise<Completion>;
  /** The node this thread's client is bound to, recorded as `node` on its invokes and completions. */
  readonly node?: string;
}

/** Everything the interpreter needs. */
export interface InterpreterOptions {
  generator: Generator;
  test: GenTest;
  clock: Clock;
  /** Called once per thread: client threads 0..concurrency-1, then 'nemesis' if `hasNemesis`. */
  worker(thread: Thread): Worker;
  hasNemesis: boolean;
  /** Receives every invoke, then its completion (dense index, time from `clock`). */
  sink: HistorySink;
  /** When aborted: stop asking the generator, wait for in-flight ops, then resolve. */
  signal?: AbortSignal;
  /** Called with each record after it is appended (progress). */
  onRecord?(op: Op): void;
  /** Receives the value of log ops. */
  log?(msg: string): void;
  /** Index of the first record (default 0): continue the history of an earlier run. */
  startIndex?: number;
  /** The process each thread starts as (default: the thread id): continue an earlier run's ids. */
  processes?: ReadonlyMap<Thread, ProcessId>;
}

/** How a run ended. */
export interface InterpreterResult {
  /** Records written by this run. */
  records: number;
  /** True if the run stopped because `signal` was aborted. */
  aborted: boolean;
  /** Index for the next record (startIndex + records). */
  nextIndex: number;
  /** Each thread's process at the end (hand it to a following run as `processes`). */
  processes: ReadonlyMap<Thread, ProcessId>;
}

type Event = { thread: Thread; completion?: Completion };

/** Yield to the macrotask queue (timers, I/O, signals, the history writer) at least this often. */
const YIELD_NS = 5e6;

/** Runs `o.generator` to exhaustion (or abort); resolves with the number of records written. */
export async function runInterpreter(o: InterpreterOptions): Promise<InterpreterResult> {
  const { test, clock, sink } = o;
  const table = workerTable(test.concurrency, o.hasNemesis, o.processes);
  const workers = new Map(table.threads.map((t) => [t, o.worker(t)] as const));
  const inflight = new Map<Thread, Op>();

  const events = inbox<Event>(clock);
  const stopSleeps = new AbortController();
  const onAbort = () => {
    stopSleeps.abort();
    events.wake();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });

  let gen: Generator | null = o.generator;
  const startIndex = o.startIndex ?? 0;
  let index = startIndex;
  let failure: { error: unknown } | null = null;
  const stop = (error: unknown) => {
    failure ??= { error };
    gen = null;
  };
  const record = (op: Op) => {
    sink.append(op);
    o.onRecord?.(op);
    if (gen) {
      try {
        gen = gen.update(test, table.context(op.time), op);
      } catch (error) {
        stop(error);
      }
    }
  };

  const complete = ({ thread, completion: c }: Event) => {
    table.release(thread);
    const invoke = inflight.get(thread);
    if (!invoke || !c) return; // a sleep ended
    inflight.delete(thread);
    const type = c.type === 'ok' || c.type === 'fail' ? c.type : 'info';
    const op: Op = { index: index++, time: clock.now(), process: invoke.process, type, f: invoke.f, value: c.value !== undefined ? c.value : invoke.value };
    if (invoke.key !== undefined) op.key = invoke.key;
    if (invoke.node !== undefined) op.node = invoke.node;
    if (c.error !== undefined) op.error = c.error;
    else if (type !== c.type) op.error = `worker returned an invalid completion type ${JSON.stringify(c.type)}`;
    record(op);
    if (type === 'info') table.retire(thread);
  };

  const dispatch = (g: GenOp, next: Generator) => {
    gen = next;
    const thread = table.threadOf(g.process);
    if (thread === undefined || !table.isFree(thread)) {
      throw new Error(`interpreter: generator emitted ${g.f} for process ${String(g.process)}, which is ${thread === undefined ? 'no current process' : 'busy'}`);
    }
    if (g.type === 'log') return void o.log?.(String(g.value));
    table.take(thread);
    if (g.type === 'sleep') {
      const until = clock.now() + Math.round(Number(g.value) * 1e9);
      void clock.sleepUntil(until, stopSleeps.signal).then(() => events.push({ thread }));
      return;
    }
    const op: Op = { index: index++, time: clock.now(), process: g.process, type: 'invoke', f: g.f, value: g.value ?? null };
    if (g.key !== undefined) op.key = g.key;
    const node = workers.get(thread)!.node;
    if (node !== undefined) op.node = node;
    inflight.set(thread, op);
    record(op);
    let p: Promise<Completion>;
    try {
      p = workers.get(thread)!.invoke(op);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (completion) => events.push({ thread, completion }),
      (e: unknown) => events.push({ thread, completion: { type: 'info', error: `worker threw: ${e instanceof Error ? e.message : String(e)}` } }),
    );
  };

  let lastYield = clock.now();
  try {
    for (;;) {
      events.drain(complete);
      if (!gen || o.signal?.aborted) {
        if (table.busy === 0) break;
        await events.wait();
        continue;
      }
      const now = clock.now();
      if (now - lastYield > YIELD_NS) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = clock.now();
        continue;
      }
      try {
        const step: ReturnType<Generator['op']> = gen.op(test, table.context(now));
        if (step === null) gen = null;
        else if (step.op === PENDING) {
          gen = step.gen;
          // Nothing in flight can wake us: poll, so that e.g. a time limit still ends a stuck generator.
          await events.wait(table.busy === 0 ? now + PENDING_POLL_NS : undefined);
        } else if (step.op.time > now) {
          await events.wait(step.op.time); // a completion first: re-ask, the held op is forgotten
          if (!events.pending && !o.signal?.aborted && clock.now() >= step.op.time) dispatch(step.op, step.gen);
        } else dispatch(step.op, step.gen);
      } catch (error) {
        stop(error);
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    stopSleeps.abort();
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  return { records: index - startIndex, aborted: o.signal?.aborted ?? false, nextIndex: index, processes: table.processes() };
}
