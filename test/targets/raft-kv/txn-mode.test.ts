/**
 * raft-kv's `txn-mode` on real processes. In the default `atomic` mode a transaction is one log entry:
 * a concurrent reader sees both of its appends or neither. The `split` fault switch makes each micro-op
 * its own entry, so a reader racing the writer sees one append without the other — the intermediate
 * state a transactional checker must catch — and a retried split transaction still applies once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KvClient } from '../../../targets/raft-kv/client/kv-client.js';
import { ProcessCluster } from './support/process-cluster.js';

let cluster: ProcessCluster | undefined;
const clients: KvClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.destroy();
  cluster = undefined;
});

/** Runs `txns` two-append transactions on key x while another client reads x; returns every list read. */
async function race(c: ProcessCluster, txns: number): Promise<{ reads: number[][]; final: number[] }> {
  const leader = await c.leader();
  const writer = new KvClient(c.nodes, c.node(leader));
  const reader = new KvClient(c.nodes, c.node(leader));
  clients.push(writer, reader);
  const reads: number[][] = [];
  let writing = true;
  const readLoop = (async () => {
    while (writing) {
      const r = await reader.call({ f: 'txn', value: [['r', 'x', null]] }, AbortSignal.timeout(5000));
      if (r.type === 'ok') reads.push(((r.value as [string, string, number[] | null][])[0][2] ?? []) as number[]);
    }
  })();
  const writes = [];
  for (let i = 1; i <= txns; i++) {
    writes.push(writer.call({ f: 'txn', value: [['append', 'x', i], ['append', 'x', -i]] }, AbortSignal.timeout(10_000)));
    if (i % 4 === 0) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  writing = false;
  await readLoop;
  const last = await reader.call({ f: 'txn', value: [['r', 'x', null]] }, AbortSignal.timeout(5000));
  return { reads, final: ((last as { value: [string, string, number[]][] }).value[0][2] ?? []) as number[] };
}

/** Lists holding some append i without its partner -i: a transaction seen half applied. */
const torn = (lists: number[][]): number[][] => lists.filter((l) => l.some((v) => v > 0 && !l.includes(-v)));

describe('raft-kv txn-mode', () => {
  it('atomic (default): every read sees whole transactions only', async () => {
    cluster = await ProcessCluster.start(3);
    const { reads, final } = await race(cluster, 40);
    expect(reads.length).toBeGreaterThan(0);
    expect(torn(reads)).toEqual([]);
    expect(final.length).toBe(80);
    // One entry per transaction: the two appends are adjacent in the list.
    expect(final.every((v, j) => (v > 0 ? final[j + 1] === -v : final[j - 1] === -v))).toBe(true);
  });

  it('split: a reader sees a transaction half applied, and each transaction still applies once', async () => {
    cluster = await ProcessCluster.start(3, { 'txn-mode': 'split' });
    const { reads, final } = await race(cluster, 40);
    expect(torn(reads).length).toBeGreaterThan(0);
    // Each append applied exactly once, whatever interleaved.
    expect([...final].sort((a, b) => a - b)).toEqual([...Array.from({ length: 40 }, (_, i) => -40 + i), ...Array.from({ length: 40 }, (_, i) => i + 1)]);
  });
});
