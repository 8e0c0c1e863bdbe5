/**
 * The replicated state machine: register, cas, append and transactions, and the session table that
 * keeps a retried (client, seq) at most once, also across a snapshot.
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
});
