/**
 * The history watch the runner gives the nemesis: a waiter gets the first matching record appended
 * after it started waiting (none from before), nothing once its signal aborts; the home node of a
 * process follows the workers' rule, also for a process renumbered after an `info`.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { historyWatch } from '../../src/runner/history-watch.js';

const op = (index: number, process: Op['process'], type: Op['type'], f: string): Op => ({ index, time: index * 1000, process, type, f, value: null });

describe('history watch', () => {
  it('gives the first matching record after the wait began, to every waiter', async () => {
    const w = historyWatch(['n1', 'n2', 'n3'], 6);
    w.record(op(0, 1, 'ok', 'write')); // before anyone waits: never seen
    const isWrite = (x: Op) => x.type === 'ok' && x.f === 'write';
    const a = w.next(isWrite, new AbortController().signal);
    const b = w.next((x) => isWrite(x) && x.process === 2, new AbortController().signal);
    w.record(op(1, 1, 'invoke', 'write'));
    w.record(op(2, 1, 'ok', 'read'));
    w.record(op(3, 1, 'ok', 'write'));
    w.record(op(4, 2, 'ok', 'write'));
    w.record(op(5, 2, 'ok', 'write'));
    expect((await a)?.index).toBe(3);
    expect((await b)?.index).toBe(4);
  });

  it('resolves undefined when the signal aborts, and a predicate that throws matches nothing', async () => {
    const w = historyWatch(['n1'], 1);
    const ac = new AbortController();
    const waiting = w.next(() => {
      throw new Error('bad predicate');
    }, ac.signal);
    w.record(op(0, 0, 'ok', 'write'));
    ac.abort();
    expect(await waiting).toBeUndefined();
    expect(await w.next(() => true, ac.signal)).toBeUndefined();
    expect(await w.next(() => true, AbortSignal.timeout(20))).toBeUndefined();
  });

  it('names the node a client process is bound to: thread p mod concurrency, node thread mod n', () => {
    const w = historyWatch(['n1', 'n2', 'n3'], 6);
    expect([0, 1, 2, 3, 4, 5].map((p) => w.homeOf(p))).toEqual(['n1', 'n2', 'n3', 'n1', 'n2', 'n3']);
    expect(w.homeOf(7)).toBe('n2'); // thread 1 after an info: process 1 + 6
    expect(w.homeOf('nemesis')).toBeUndefined();
  });
});
