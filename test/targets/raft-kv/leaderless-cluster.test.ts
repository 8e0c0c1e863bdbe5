/**
 * `replication=leaderless` on three real processes whose peer links go through link proxies:
 * both sides of a partition accept writes, adds and increments and read their own side's state;
 * after the partition heals anti-entropy brings every node to the same state; compare-and-set is
 * refused definitely; kill -9 loses nothing acknowledged (a node cut off from its peers restarts
 * with every add it acknowledged) and SIGTERM stops it with code 0. With `lww-clock=wall`, a node
 * whose clock is set back loses acknowledged writes and adds; with the hybrid logical clock the same
 * steps keep them.
 */
import { describe, expect, it } from 'vitest';
import { kvOpsClient } from '../../../targets/raft-kv/client/kv-ops-client.js';
import { converged, kvOp as op, opSignal as signal, readOk as read, useLeaderless } from './support/leaderless-processes.js';

const start = useLeaderless();

describe('raft-kv replication=leaderless', () => {
  it('accepts writes on both sides of a partition, and every node reads the same state after it heals', async () => {
    const l = await start();
    const { c, at } = l;
    c.split(['n1'], ['n2', 'n3']);
    const ok = async (node: string, f: string, key: string, value: unknown) => expect(await at(node).invoke(op(f, key, value), signal())).toEqual({ type: 'ok', value });
    await ok('n1', 'write', 'r', 'a');
    await ok('n2', 'write', 'r', 'b');
    for (const [node, v] of [['n1', 1], ['n1', 2], ['n2', 3], ['n3', 4]] as const) await ok(node, 'add', 's', v);
    await ok('n1', 'incr', 'c', 5);
    await ok('n3', 'incr', 'c', 2);
    expect(await read(at('n1'), 's')).toEqual([1, 2]);
    expect(await read(at('n1'), 'c')).toBe(5);
    await c.until('the majority side to share its adds', async () => JSON.stringify(await read(at('n2'), 's')) === '[3,4]' || undefined);
    expect(await read(at('n1'), 's'), 'nothing crossed the partition').toEqual([1, 2]);

    c.partition({});
    expect(await converged(l, 's')).toEqual([1, 2, 3, 4]);
    expect(await converged(l, 'c')).toBe(7);
    expect(['a', 'b']).toContain(await converged(l, 'r'));
  });

  it('refuses compare-and-set, append and transactions definitely', async () => {
    const { at } = await start();
    await expect(at('n1').invoke(op('cas', 'r', [null, 1]), signal())).rejects.toMatchObject({ definite: true });
    await expect(at('n1').invoke(op('append', 'l', 1), signal())).rejects.toMatchObject({ definite: true });
    await expect(at('n1').invoke({ ...op('txn', '', [['w', 'r', 1]]), key: undefined }, signal())).rejects.toMatchObject({ definite: true });
    expect(await read(at('n1'), 'r')).toBe(null);
  });

  it('kill -9 loses no acknowledged add, increment or write; SIGTERM stops a node cleanly', async () => {
    // A snapshot every 7 journal records: recovery restores one and replays the records after it.
    const { c, at, clients } = await start({ 'snapshot-every': '7' });
    c.split(['n1'], ['n2', 'n3']);
    const expected: number[] = [];
    for (let i = 0; i < 40; i++) {
      await at('n1').invoke(op('add', 's', i), signal());
      await at('n1').invoke(op('incr', 'c', 1), signal());
      expected.push(i);
    }
    await at('n1').invoke(op('write', 'r', 'last'), signal());
    await c.kill('n1');
    c.startNode('n1');
    await c.until('n1 back', () => c.status('n1'));
    expect(c.log('n1')).toMatch(/journal: recovered snapshot [1-9]\d* and \d+ records after it/);
    const fresh = kvOpsClient(c.nodes, c.node('n1'), { leaderless: true });
    clients.push(fresh);
    expect(await read(fresh, 's')).toEqual(expected);
    expect(await read(fresh, 'c')).toBe(40);
    expect(await read(fresh, 'r')).toBe('last');
    expect(await c.terminate('n1'), 'a graceful stop').toEqual({ code: 0, signal: null });
  });

  for (const clock of ['wall', 'hlc'] as const) {
    it(`lww-clock=${clock}: a write and an add acknowledged on a node whose clock was set back ${clock === 'wall' ? 'are lost' : 'are kept'}`, async () => {
      const l = await start({ 'lww-clock': clock });
      const { c, at } = l;
      expect(await at('n1').invoke(op('write', 'r', 1), signal())).toMatchObject({ type: 'ok' });
      expect(await at('n2').invoke(op('add', 's', 'e1'), signal())).toMatchObject({ type: 'ok' });
      expect(await converged(l, 'r')).toBe(1);
      expect(await converged(l, 's')).toEqual(['e1']);
      c.setClockOffset('n2', -60_000);
      await c.until('n2 to apply its clock offset', async () => ((await c.status('n2'))?.clockOffsetMs === -60_000 ? true : undefined));
      expect(await at('n2').invoke(op('write', 'r', 2), signal())).toMatchObject({ type: 'ok' });
      expect(await at('n2').invoke(op('add', 's', 'e2'), signal())).toMatchObject({ type: 'ok' });
      if (clock === 'wall') {
        expect(await converged(l, 'r'), 'the later acknowledged write lost').toBe(1);
        expect(await converged(l, 's'), 'the acknowledged add lost').toEqual(['e1']);
      } else {
        expect(await converged(l, 'r')).toBe(2);
        expect(await converged(l, 's')).toEqual(['e1', 'e2']);
      }
    });
  }
});
