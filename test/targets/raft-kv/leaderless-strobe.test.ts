/**
 * `replication=leaderless` with one node's wall clock strobed (set 60 s back and forward again every
 * 200 ms, as the clock nemesis's strobe does) while clients on every node add unique elements to one
 * set and increment one counter. After the strobe stops and the nodes converge, every acknowledged
 * add and increment is in the final reads with the hybrid logical clock; with `lww-clock=wall` some
 * acknowledged adds of the strobed node are missing from every node's final read (what a set-full
 * checker reports as lost) and the counter reads less than the acknowledged increments.
 */
import { describe, expect, it } from 'vitest';
import { converged, kvOp as op, opSignal as signal, useLeaderless } from './support/leaderless-processes.js';

const start = useLeaderless();

describe('raft-kv replication=leaderless under a clock strobe', () => {
  for (const clock of ['wall', 'hlc'] as const) {
    it(`lww-clock=${clock}: acknowledged adds and increments of the strobed node ${clock === 'wall' ? 'are lost' : 'are all kept'}`, async () => {
      const l = await start({ 'lww-clock': clock });
      const { c, at } = l;
      const acked: { node: string; element: string }[] = [];
      let increments = 0;
      let back = false;
      const strobe = setInterval(() => c.setClockOffset('n2', (back = !back) ? -60_000 : 0), 200);
      try {
        const until = Date.now() + 3000;
        await Promise.all(
          ['n1', 'n2', 'n3'].map(async (node) => {
            for (let i = 0; Date.now() < until; i++) {
              const element = `${node}-${i}`;
              if ((await at(node).invoke(op('add', 's', element), signal())).type === 'ok') acked.push({ node, element });
              if ((await at(node).invoke(op('incr', 'c', 1), signal())).type === 'ok') increments++;
            }
          }),
        );
      } finally {
        clearInterval(strobe);
      }
      c.setClockOffset('n2', 0);
      expect(acked.filter((x) => x.node === 'n2').length, 'adds acknowledged by the strobed node').toBeGreaterThan(10);
      const final = (await converged(l, 's')) as string[];
      const lost = acked.filter((x) => !final.includes(x.element));
      const count = (await converged(l, 'c')) as number;
      if (clock === 'wall') {
        expect(lost.length, 'acknowledged adds missing from the final reads').toBeGreaterThan(0);
        expect(lost.every((x) => x.node === 'n2'), 'only the strobed node loses adds').toBe(true);
        expect(count).toBeLessThan(increments);
      } else {
        expect(lost).toEqual([]);
        expect(count).toBe(increments);
      }
      expect(final.length).toBe(acked.length - lost.length);
    });
  }
});
