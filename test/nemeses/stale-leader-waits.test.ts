/**
 * `watchWrite` (stale-leader-waits.ts) over the runner's history watch: the first write acknowledged
 * to a client bound to the node; with `invokedSince`, only a write also invoked after the watch began
 * (an op in flight before the cut, acknowledged after it, was not taken by the cut-off node alone).
 * `watchStaleReadChance`: the first read a client of the node had answered that was invoked after a
 * write on the same key was acknowledged to a client of another node.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { historyWatch } from '../../src/runner/history-watch.js';
import type { NemesisContext } from '../../nemeses/nemesis.js';
import { watchReadElsewhere, watchStaleReadChance, watchWrite } from '../../nemeses/stale-leader-waits.js';

const rec = (index: number, process: number, type: Op['type'], f = 'write'): Op => ({ index, time: index, process, type, f, key: 'k', value: index });

function setup() {
  const watch = historyWatch(['n1', 'n2', 'n3'], 3); // process p is bound to node n(p mod 3 + 1)
  const ctx = { history: watch } as unknown as NemesisContext;
  return { watch, ctx };
}

describe('watchWrite', () => {
  it('takes the first write acknowledged to a client of the node, in flight before or not', async () => {
    const { watch, ctx } = setup();
    const seen = watchWrite(ctx, 'n1', AbortSignal.timeout(5_000));
    watch.record(rec(1, 1, 'ok')); // n2's client
    watch.record(rec(2, 0, 'ok', 'read')); // not a write
    watch.record(rec(3, 3, 'ok')); // process 3 runs on thread 0: n1
    expect(await seen).toEqual({ index: 3, process: 3, f: 'write', key: 'k' });
  });

  it('with invokedSince, skips a write invoked before the watch began', async () => {
    const { watch, ctx } = setup();
    watch.record(rec(1, 0, 'invoke'));
    const seen = watchWrite(ctx, 'n1', AbortSignal.timeout(5_000), true);
    watch.record(rec(2, 0, 'ok')); // in flight when the watch began
    watch.record(rec(3, 0, 'invoke', 'cas'));
    watch.record(rec(4, 0, 'fail', 'cas'));
    watch.record(rec(5, 3, 'invoke'));
    watch.record(rec(6, 3, 'ok'));
    expect(await seen).toEqual({ index: 6, process: 3, f: 'write', key: 'k' });
  });

  it('is null when nothing comes before the signal ends the watch', async () => {
    const { watch, ctx } = setup();
    const until = new AbortController();
    const seen = watchWrite(ctx, 'n1', until.signal, true);
    watch.record(rec(1, 0, 'invoke'));
    watch.record(rec(2, 0, 'info'));
    until.abort();
    expect(await seen).toBeNull();
  });
});

describe('watchStaleReadChance', () => {
  const op = (index: number, process: number, type: Op['type'], f: string, key: string): Op => ({ index, time: index, process, type, f, key, value: null });

  it('waits for a read on the node invoked after another node acknowledged a write on that key', async () => {
    const { watch, ctx } = setup();
    const seen = watchStaleReadChance(ctx, 'n1', AbortSignal.timeout(5_000));
    watch.record(op(1, 0, 'invoke', 'read', 'a')); // n1 reads a before any write elsewhere
    watch.record(op(2, 1, 'invoke', 'write', 'a'));
    watch.record(op(3, 1, 'ok', 'write', 'a')); // n2 acknowledged a write of a
    watch.record(op(4, 0, 'ok', 'read', 'a')); // the read was invoked before it: no chance
    watch.record(op(5, 0, 'invoke', 'read', 'b')); // another key
    watch.record(op(6, 0, 'ok', 'read', 'b'));
    watch.record(op(7, 2, 'ok', 'read', 'a')); // a read, but on n3
    watch.record(op(8, 3, 'invoke', 'write', 'a')); // process 3 is n1's: its own write does not count
    watch.record(op(9, 3, 'ok', 'write', 'a'));
    watch.record(op(10, 3, 'invoke', 'read', 'a'));
    watch.record(op(11, 3, 'ok', 'read', 'a'));
    expect(await seen).toEqual({ index: 11, process: 3, write: 3 });
  });

  it("with on: 'invoke', takes such a read when it is sent (a stopped node answers it on resume)", async () => {
    const { watch, ctx } = setup();
    const seen = watchStaleReadChance(ctx, 'n1', AbortSignal.timeout(5_000), 'invoke');
    watch.record(op(1, 0, 'invoke', 'read', 'a')); // before any write elsewhere
    watch.record(op(2, 1, 'ok', 'write', 'a'));
    watch.record(op(3, 0, 'invoke', 'write', 'a')); // not a read
    watch.record(op(4, 3, 'invoke', 'read', 'a'));
    expect(await seen).toEqual({ index: 4, process: 3, write: 2 });
  });

  it('takes no failed read, and is null when the signal ends the watch first', async () => {
    const { watch, ctx } = setup();
    const until = new AbortController();
    const seen = watchStaleReadChance(ctx, 'n1', until.signal);
    watch.record(op(1, 1, 'ok', 'cas', 'a'));
    watch.record(op(2, 0, 'invoke', 'read', 'a'));
    watch.record(op(3, 0, 'fail', 'read', 'a'));
    until.abort();
    expect(await seen).toBeNull();
  });
});

describe('watchReadElsewhere', () => {
  const op = (index: number, process: number, type: Op['type'], f: string, key: string): Op => ({ index, time: index, process, type, f, key, value: null });

  it('waits for a read of the key by a client of another node, invoked after the watch began', async () => {
    const { watch, ctx } = setup();
    watch.record(op(1, 1, 'invoke', 'read', 'a')); // n2's read, in flight before the watch
    const seen = watchReadElsewhere(ctx, 'n1', 'a', AbortSignal.timeout(5_000));
    watch.record(op(2, 1, 'ok', 'read', 'a')); // invoked before: it may precede the lost write
    watch.record(op(3, 0, 'invoke', 'read', 'a')); // n1's own client
    watch.record(op(4, 0, 'ok', 'read', 'a'));
    watch.record(op(5, 2, 'invoke', 'read', 'b')); // another key
    watch.record(op(6, 2, 'ok', 'read', 'b'));
    watch.record(op(7, 2, 'invoke', 'write', 'a')); // not a read
    watch.record(op(8, 2, 'ok', 'write', 'a'));
    watch.record(op(9, 1, 'invoke', 'read', 'a'));
    watch.record(op(10, 1, 'fail', 'read', 'a')); // not answered
    watch.record(op(11, 4, 'invoke', 'read', 'a')); // process 4 is n2's
    watch.record(op(12, 4, 'ok', 'read', 'a'));
    expect(await seen).toEqual({ index: 12, process: 4 });
  });
});
