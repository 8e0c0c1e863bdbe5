/**
 * The interpreter against real asynchronous workers (timers and immediates, no mocks of time).
 */
import { describe, expect, it } from 'vitest';
import { memorySink } from '../../src/core/history-writer.js';
import { pairOps, type Completion, type Op } from '../../src/core/op.js';
import type { Generator, GenTest, Thread } from '../../src/core/generator.js';
import {
  gen, limit, log, onClients, onNemesis, once, phases, rate, repeat, sleep, timeLimit,
} from '../../src/core/generators/index.js';
import { realClock, runInterpreter, type Worker } from '../../src/runner/interpreter.js';

const later = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A worker that completes `ok` after a latency chosen from the op (0–2 ms by default). */
function asyncWorker(outcome: (op: Op) => Completion = () => ({ type: 'ok' }), ms = (op: Op) => op.index % 3): Worker {
  return {
    async invoke(op) {
      await later(ms(op));
      return outcome(op);
    },
  };
}

async function run(generator: Generator, opts: { concurrency?: number; worker?: (t: Thread) => Worker; hasNemesis?: boolean; signal?: AbortSignal; onRecord?: (op: Op) => void; log?: (m: string) => void } = {}) {
  const sink = memorySink();
  const test: GenTest = { concurrency: opts.concurrency ?? 4, nodes: ['n1'], seed: 1 };
  const result = await runInterpreter({
    generator, test, clock: realClock(), sink,
    worker: opts.worker ?? (() => asyncWorker()),
    hasNemesis: opts.hasNemesis ?? false,
    signal: opts.signal, onRecord: opts.onRecord, log: opts.log,
  });
  return { ...result, history: sink.ops };
}

/** Every invoke followed by exactly one completion of the same process; dense indices; times ordered. */
function expectWellFormed(history: Op[]) {
  history.forEach((op, i) => expect(op.index).toBe(i));
  for (let i = 1; i < history.length; i++) expect(history[i]!.time).toBeGreaterThanOrEqual(history[i - 1]!.time);
  const pairs = pairOps(history);
  for (const p of pairs) {
    expect(p.complete, `invoke ${p.invoke.index} completed`).toBeDefined();
    expect(p.complete!.key).toBe(p.invoke.key);
  }
  expect(pairs.length * 2).toBe(history.length);
}

describe('runInterpreter', () => {
  it('records a well-formed history of exactly the generated ops', async () => {
    const { history, records, aborted } = await run(limit(100, repeat({ f: 'write', value: 1, key: 'k' })));
    expectWellFormed(history);
    expect(records).toBe(200);
    expect(aborted).toBe(false);
    expect(history.filter((o) => o.type === 'ok')).toHaveLength(100);
    expect(new Set(history.map((o) => o.process))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('takes the completion value, else keeps the invoke value, and copies the error', async () => {
    const worker = asyncWorker((op) => (op.f === 'read' ? { type: 'ok', value: 42 } : { type: 'fail', error: 'nope' }));
    const { history } = await run(gen([once({ f: 'read' }), once({ f: 'write', value: 7 })]), { concurrency: 1, worker: () => worker });
    expect(history.map(({ type, f, value, error }) => ({ type, f, value, error }))).toEqual([
      { type: 'invoke', f: 'read', value: null, error: undefined },
      { type: 'ok', f: 'read', value: 42, error: undefined },
      { type: 'invoke', f: 'write', value: 7, error: undefined },
      { type: 'fail', f: 'write', value: 7, error: 'nope' },
    ]);
  });

  it('moves a thread to process + concurrency after an info, and never reuses the old id', async () => {
    const worker = asyncWorker((op) => (op.index % 6 === 0 ? { type: 'info', error: 'timeout' } : { type: 'ok' }));
    const { history } = await run(limit(60, repeat({ f: 'read' })), { concurrency: 3, worker: () => worker });
    expectWellFormed(history);
    const retired = new Set<unknown>();
    let infos = 0;
    for (const op of history) {
      if (op.type === 'invoke') expect(retired.has(op.process)).toBe(false);
      if (op.type === 'info') {
        infos++;
        retired.add(op.process);
      }
    }
    expect(infos).toBeGreaterThan(0);
    // Every process id is its thread's id plus a multiple of the concurrency.
    const procs = [...new Set(history.map((o) => o.process as number))];
    expect(procs.some((p) => p >= 3)).toBe(true);
    expect(Math.max(...procs)).toBeLessThan(3 * (infos + 1));
  });

  it('records a rejected or throwing worker as info', async () => {
    const worker: Worker = { invoke: (op) => (op.f === 'a' ? Promise.reject(new Error('boom')) : (() => { throw new Error('sync'); })()) };
    const { history } = await run(gen([once({ f: 'a' }), once({ f: 'b' })]), { concurrency: 1, worker: () => worker });
    expectWellFormed(history);
    expect(history.filter((o) => o.type !== 'invoke').map((o) => [o.type, o.error])).toEqual([
      ['info', 'worker threw: boom'],
      ['info', 'worker threw: sync'],
    ]);
  });

  it('on abort stops generating and waits for the ops in flight', async () => {
    const ctl = new AbortController();
    let invokesAtAbort = -1;
    let invokes = 0;
    const slow = asyncWorker(undefined, () => 15);
    const { history, aborted } = await run(repeat({ f: 'read' }), {
      worker: () => slow,
      onRecord: (op) => {
        if (op.type !== 'invoke') return;
        if (++invokes === 10) {
          invokesAtAbort = invokes;
          ctl.abort();
        }
      },
      signal: ctl.signal,
    });
    expect(aborted).toBe(true);
    expectWellFormed(history);
    expect(history.filter((o) => o.type === 'invoke')).toHaveLength(invokesAtAbort);
  });

  it('ends a timeLimit-bounded endless generator', async () => {
    const { history, aborted } = await run(timeLimit(0.05, repeat({ f: 'read' })));
    expect(aborted).toBe(false);
    expectWellFormed(history);
    expect(history.length).toBeGreaterThan(0);
  });

  it('ends a timeLimit-bounded generator whose ops are scheduled in the future', async () => {
    const { history } = await run(timeLimit(0.05, rate(200, repeat({ f: 'read' }))));
    expectWellFormed(history);
    expect(history.length).toBeGreaterThan(0);
  });

  it('holds a barrier between phases under real async latency', async () => {
    const ms = (op: Op) => (op.index * 7) % 5;
    const g = phases(limit(9, repeat({ f: 'a' })), limit(9, repeat({ f: 'b' })), limit(5, repeat({ f: 'c' })));
    const { history } = await run(g, { worker: () => asyncWorker(undefined, ms) });
    expectWellFormed(history);
    for (const [before, after] of [['a', 'b'], ['b', 'c']] as const) {
      const lastDone = Math.max(...history.filter((o) => o.f === before && o.type !== 'invoke').map((o) => o.index));
      const firstNext = Math.min(...history.filter((o) => o.f === after).map((o) => o.index));
      expect(firstNext).toBeGreaterThan(lastDone);
    }
    expect(history.filter((o) => o.type === 'invoke').map((o) => o.f).join('')).toBe('aaaaaaaaabbbbbbbbbccccc');
  });

  it('sleeps hold the thread, call no worker, write no history; logs go to the log', async () => {
    const lines: string[] = [];
    const { history } = await run(phases(once({ f: 'a' }), log('resting'), sleep(0.02), once({ f: 'b' })), { log: (m) => lines.push(m) });
    expect(history.map((o) => `${o.f}:${o.type}`)).toEqual(['a:invoke', 'a:ok', 'b:invoke', 'b:ok']);
    expect(history[2]!.time - history[1]!.time).toBeGreaterThanOrEqual(20e6);
    expect(lines).toEqual(['resting']);
  });

  it('routes nemesis ops to the nemesis worker, which keeps its process after info', async () => {
    const seen: Thread[] = [];
    const worker = (t: Thread): Worker => ({
      invoke: async (op) => {
        seen.push(t);
        await later(1);
        return op.f === 'kill' ? { type: 'info' } : { type: 'ok' };
      },
    });
    const g = gen([onNemesis(limit(2, repeat({ f: 'kill' }))), onClients(limit(2, repeat({ f: 'read' })))]);
    const { history } = await run(g, { concurrency: 2, hasNemesis: true, worker });
    expectWellFormed(history);
    expect(history.filter((o) => o.f === 'kill').map((o) => o.process)).toEqual(['nemesis', 'nemesis', 'nemesis', 'nemesis']);
    expect(seen.filter((t) => t === 'nemesis')).toHaveLength(2);
  });

  it('rethrows a generator error after the ops in flight complete', async () => {
    let calls = 0;
    const g = gen(() => {
      if (++calls > 3) throw new Error('generator broke');
      return { f: 'read' };
    });
    const sink = memorySink();
    await expect(runInterpreter({
      generator: g, test: { concurrency: 2, nodes: [] }, clock: realClock(), sink,
      worker: () => asyncWorker(undefined, () => 5), hasNemesis: false,
    })).rejects.toThrow('generator broke');
    expectWellFormed(sink.ops);
  });

  it('rethrows an error from update after the ops in flight complete', async () => {
    const inner = repeat({ f: 'read' });
    const fragile: Generator = {
      op: (t, ctx) => {
        const step = inner.op(t, ctx);
        return step && { op: step.op, gen: fragile };
      },
      update: (_t, _ctx, event) => {
        if (event.type === 'ok') throw new Error('update broke');
        return fragile;
      },
    };
    const sink = memorySink();
    await expect(runInterpreter({
      generator: fragile, test: { concurrency: 3, nodes: [] }, clock: realClock(), sink,
      worker: () => asyncWorker(undefined, () => 2), hasNemesis: false,
    })).rejects.toThrow('update broke');
    expectWellFormed(sink.ops);
    expect(sink.ops.filter((o) => o.type === 'invoke')).toHaveLength(3);
  });

  it('continues the indices and process ids of an earlier run', async () => {
    const test: GenTest = { concurrency: 2, nodes: [] };
    const sink = memorySink();
    const clock = realClock();
    const worker = () => asyncWorker((op) => ({ type: op.process === 0 ? 'info' : 'ok' }));
    const first = await runInterpreter({ generator: limit(2, repeat({ f: 'a' })), test, clock, sink, worker, hasNemesis: false });
    expect(first.processes).toEqual(new Map([[0, 2], [1, 1]]));
    const second = await runInterpreter({
      generator: limit(2, repeat({ f: 'b' })), test, clock, sink, worker, hasNemesis: false,
      startIndex: first.nextIndex, processes: first.processes,
    });
    expect(second).toMatchObject({ records: 4, nextIndex: 8 });
    expectWellFormed(sink.ops);
    expect(sink.ops.filter((o) => o.f === 'b' && o.type === 'invoke').map((o) => o.process).sort()).toEqual([1, 2]);
  });
});
