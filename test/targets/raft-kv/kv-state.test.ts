/**
 * The replicated state machine: register, cas, append, sets, counters and transactions, and the
 * session table that keeps a retried (client, seq) at most once, also across a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { KvState } from '../../../targets/raft-kv/kv/kv-state.js';

describe('raft-kv state machine', () => {
  it('reads, writes and compares-and-sets', () => {
    const kv = new KvState();
    expect(kv.apply({ client: 'a', seq: 1, f: 'read', key: 'x' })).toEqual({ type: 'ok', value: null });
    expect(kv.apply({ client: 'a', seq: 2, f: 'write', key: 'x', value: 1 })).toEqual({ type: 'ok' });
    expect(kv.apply({ client: 'a', seq: 3, f: 'cas', key: 'x', value: [2, 3] })).toEqual({ type: 'fail', error: 'cas-mismatch' });
    expect(kv.apply({ client: 'a', seq: 4, f: 'cas', key: 'x', value: [1, 3] })).toEqual({ type: 'ok' });
    expect(kv.read('x')).toBe(3);
  });

  it('applies transactions of micro-ops atomically with reads filled in', () => {
    const kv = new KvState();
    const r = kv.apply({ client: 'a', seq: 1, f: 'txn', value: [['append', 'l', 1], ['append', 'l', 2], ['r', 'l', null], ['w', 'k', 5], ['r', 'k', null]] });
    expect(r).toEqual({ type: 'ok', value: [['append', 'l', 1], ['append', 'l', 2], ['r', 'l', [1, 2]], ['w', 'k', 5], ['r', 'k', 5]] });
  });

  it('applies a retried request once and replays its result, also after a snapshot', () => {
    const kv = new KvState();
    expect(kv.apply({ client: 'a', seq: 1, f: 'append', key: 'l', value: 'x' })).toEqual({ type: 'ok' });
    const restored = KvState.restore(kv.snapshot());
    expect(restored.apply({ client: 'a', seq: 1, f: 'append', key: 'l', value: 'x' })).toEqual({ type: 'ok' });
    expect(restored.read('l')).toEqual(['x']);
    expect(restored.apply({ client: 'a', seq: 2, f: 'cas', key: 'l', value: [['y'], 1] })).toEqual({ type: 'fail', error: 'cas-mismatch' });
    expect(restored.apply({ client: 'a', seq: 2, f: 'cas', key: 'l', value: [['x'], 1] })).toEqual({ type: 'fail', error: 'cas-mismatch' });
    expect(restored.apply({ client: 'a', seq: 1, f: 'write', key: 'l', value: 9 })).toEqual({ type: 'fail', error: 'stale-request' });
    expect(restored.read('l')).toEqual(['x']);
  });

  it('keeps a set as sorted distinct elements and reads it back as an array', () => {
    const kv = new KvState();
    for (const [seq, v] of [[1, 5], [2, 'b'], [3, -2], [4, 5], [5, 'a'], [6, 10]] as const) {
      expect(kv.apply({ client: 'a', seq, f: 'add', key: 's', value: v })).toEqual({ type: 'ok' });
    }
    expect(kv.read('s')).toEqual([-2, 5, 10, 'a', 'b']);
    expect(kv.apply({ client: 'b', seq: 1, f: 'read', key: 's' })).toEqual({ type: 'ok', value: [-2, 5, 10, 'a', 'b'] });
  });

  it('adds to a counter, also negative amounts, and reads the number', () => {
    const kv = new KvState();
    kv.apply({ client: 'a', seq: 1, f: 'incr', key: 'c', value: 3 });
    kv.apply({ client: 'a', seq: 2, f: 'incr', key: 'c', value: -1 });
    kv.apply({ client: 'b', seq: 1, f: 'incr', key: 'c', value: 10 });
    expect(kv.read('c')).toBe(12);
  });

  it('refuses an op of another kind than the key holds, changing nothing', () => {
    const kv = new KvState();
    kv.apply({ client: 'a', seq: 1, f: 'add', key: 's', value: 1 });
    kv.apply({ client: 'a', seq: 2, f: 'incr', key: 'c', value: 1 });
    kv.apply({ client: 'a', seq: 3, f: 'write', key: 'r', value: 1 });
    const wrong = { type: 'fail', error: 'wrong-type' };
    expect(kv.apply({ client: 'a', seq: 4, f: 'write', key: 's', value: 2 })).toEqual(wrong);
    expect(kv.apply({ client: 'a', seq: 5, f: 'incr', key: 's', value: 2 })).toEqual(wrong);
    expect(kv.apply({ client: 'a', seq: 6, f: 'add', key: 'c', value: 2 })).toEqual(wrong);
    expect(kv.apply({ client: 'a', seq: 7, f: 'cas', key: 'c', value: [1, 2] })).toEqual(wrong);
    expect(kv.apply({ client: 'a', seq: 8, f: 'add', key: 'r', value: 2 })).toEqual(wrong);
    expect(kv.apply({ client: 'a', seq: 9, f: 'append', key: 's', value: 2 })).toEqual(wrong);
    expect([kv.read('s'), kv.read('c'), kv.read('r')]).toEqual([[1], 1, 1]);
  });

  it('applies a retried add or incr once, also after a snapshot, which carries sets and counters', () => {
    const kv = new KvState();
    kv.apply({ client: 'a', seq: 1, f: 'incr', key: 'c', value: 5 });
    kv.apply({ client: 'a', seq: 1, f: 'incr', key: 'c', value: 5 });
    kv.apply({ client: 'a', seq: 2, f: 'add', key: 's', value: 'x' });
    const restored = KvState.restore(kv.snapshot());
    expect(restored.apply({ client: 'a', seq: 2, f: 'add', key: 's', value: 'x' })).toEqual({ type: 'ok' });
    expect(restored.apply({ client: 'a', seq: 1, f: 'incr', key: 'c', value: 5 })).toEqual({ type: 'fail', error: 'stale-request' });
    expect(restored.read('c')).toBe(5);
    expect(restored.read('s')).toEqual(['x']);
    expect(restored.apply({ client: 'a', seq: 3, f: 'add', key: 's', value: 'w' })).toEqual({ type: 'ok' });
    expect(restored.read('s')).toEqual(['w', 'x']);
  });

  it('restores a snapshot written before sets and counters existed', () => {
    const kv = KvState.restore(JSON.stringify({ data: [['x', 1]], sessions: [] }));
    expect(kv.read('x')).toBe(1);
    expect(kv.apply({ client: 'a', seq: 1, f: 'add', key: 's', value: 1 })).toEqual({ type: 'ok' });
  });
});
