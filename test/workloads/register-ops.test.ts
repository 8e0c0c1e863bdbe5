/**
 * The register workload's ops on a simulated clock: within a key, every written value (a write's, a
 * cas's new one) is unique, whatever the timing; a thread issues its share of a key's ops and moves on
 * only when its group is done; and a thread's ops do not depend on how fast the others are.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Op } from '../../src/core/op.js';
import { registerOptionsSchema, registerWorkload } from '../../workloads/register.js';

function history(latency: (op: Op) => number, opts: Record<string, string> = {}): Op[] {
  const ctx = { seed: 5, concurrency: 6, nodes: ['n1', 'n2', 'n3'], timeLimit: 10, rate: 0, opts: registerOptionsSchema.parse(opts) };
  return simulate(registerWorkload.generator(ctx), { concurrency: 6, seed: 5, latency, maxOps: 3_000 });
}

const uneven = (op: Op) => 1_000 + ((op.index * 7919) % 13) * 1_000 * (1 + (Number(op.process) % 3));

describe('register ops', () => {
  it('writes unique values within each key; a cas compares against one of the three values before its own', () => {
    const written = new Map<string, number[]>();
    for (const op of history(uneven).filter((o) => o.type === 'invoke')) {
      if (op.f === 'read') continue;
      const v = op.f === 'write' ? (op.value as number) : (op.value as [number, number])[1];
      // One of the three values before its own (never below 1: a first cas may compare against 1).
      if (op.f === 'cas') expect([v - 3, v - 2, v - 1].map((x) => Math.max(1, x))).toContain((op.value as number[])[0]);
      written.set(op.key!, [...(written.get(op.key!) ?? []), v]);
    }
    expect(written.size).toBeGreaterThan(10);
    for (const [key, vs] of written) expect(new Set(vs).size, `key ${key}`).toBe(vs.length);
  });

  it('gives each thread of a group its share of a key: ops-per-key split evenly', () => {
    const h = history(() => 1_000, { 'ops-per-key': '30', 'threads-per-key': '3' }).filter((o) => o.type === 'invoke' && o.key === 'k0');
    expect(h).toHaveLength(30);
    expect([0, 1, 2].map((p) => h.filter((o) => o.process === p).length)).toEqual([10, 10, 10]);
  });

  it('gives a thread the same ops whatever the speed of the others', () => {
    const seq = (h: Op[], p: number) => h.filter((o) => o.type === 'invoke' && o.process === p).map((o) => `${o.f} ${o.key} ${JSON.stringify(o.value)}`);
    const a = history(() => 1_000);
    const b = history(uneven);
    for (let p = 0; p < 6; p++) {
      const [x, y] = [seq(a, p), seq(b, p)];
      const n = Math.min(x.length, y.length);
      expect(n).toBeGreaterThan(200);
      expect(y.slice(0, n)).toEqual(x.slice(0, n));
    }
  });
});
