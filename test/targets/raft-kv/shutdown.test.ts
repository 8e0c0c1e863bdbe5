/**
 * raft-kv stops cleanly on SIGTERM: it stops accepting clients, stops Raft (timers, peers, the save
 * loop), and closes its storage last, so a stop in the middle of a write never reports a storage
 * failure. Ten SIGTERMs in a row, alternating leader and follower under a steady write load, each
 * exit 0 with no "storage failed" line. Every process is killed by PID after the test, pass or fail.
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

describe('raft-kv shutdown', () => {
  it('exits 0 on each of 10 SIGTERMs under write load, never with "storage failed"', async () => {
    const c = (cluster = await ProcessCluster.start(3));
    await c.leader();
    const stop = new AbortController();
    let acked = 0;
    const load = [0, 1, 2, 3].map(async (i) => {
      const kv = new KvClient(c.nodes, c.nodes[i % 3], { attemptTimeoutMs: 300 });
      clients.push(kv);
      for (let n = 0; !stop.signal.aborted; n++) {
        try {
          await kv.call({ f: 'write', key: `k${i}`, value: n }, AbortSignal.timeout(2000));
          acked++;
        } catch {
          // a node is down: the next attempt goes elsewhere
        }
      }
    });
    const exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
    for (let round = 0; round < 10; round++) {
      const leader = await c.leader();
      const victim = round % 2 === 0 ? leader : c.nodes.find((n) => n.name !== leader)!.name;
      // Writes are flowing (so storage is busy) when the signal arrives.
      const before = acked;
      await c.until('writes acknowledged', async () => (acked >= before + 20 ? true : undefined));
      exits.push(await c.terminate(victim));
      c.startNode(victim);
      // Running again (a signal before Node has even loaded the server's code would end it by the signal).
      await c.until(`${victim} answering`, () => c.status(victim));
    }
    stop.abort();
    await Promise.all(load);
    expect(acked).toBeGreaterThan(200);
    expect(exits).toEqual(Array.from({ length: 10 }, () => ({ code: 0, signal: null })));
    for (const n of c.nodes) expect(c.log(n.name)).not.toContain('storage failed');
  });
});
