/**
 * `watchWrite` (stale-leader-waits.ts) over the runner's history watch: the first write acknowledged
 * to a client bound to the node; with `invokedSince`, only a write also invoked after the watch began
 * (an op in flight before the cut, acknowledged after it, was not taken by the cut-off node alone).
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { historyWatch } from '../../src/runner/history-watch.js';
import type { NemesisContext } from '../../nemeses/nemesis.js';
import { watchWrite } from '../../nemeses/stale-leader-waits.js';

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
    expect(await seen).toEqual({ index: 3, process: 3, f: 'write' });
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
    expect(await seen).toEqual({ index: 6, process: 3, f: 'write' });
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
