import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPLAIN_TIMEOUT_S } from '../../src/checkers/linearizable.js';
import type { Op } from '../../src/core/op.js';
import { registerOptionsSchema, registerWorkload, type RegisterOptions } from '../../workloads/register.js';

const test = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 2, seed: 1 };

/** Two keys, each with a stale read (write 1, write 2, read 1). */
function twoStaleKeys(): Op[] {
  const rows: [number, Op['type'], string, unknown, string][] = [];
  for (const [p, key] of [[0, 'a'], [1, 'b']] as const) {
    rows.push([p, 'invoke', 'write', 1, key], [p, 'ok', 'write', 1, key], [p, 'invoke', 'write', 2, key], [p, 'ok', 'write', 2, key]);
    rows.push([p, 'invoke', 'read', null, key], [p, 'ok', 'read', 1, key]);
  }
  return rows.map(([process, type, f, value, key], index) => ({ index, time: index * 1000, process, type, f, value, key }));
}

function checker(opts: Record<string, string>) {
  const ctx = { seed: 1, concurrency: 2, nodes: ['n1'], timeLimit: 1, rate: 0, opts: registerOptionsSchema.parse(opts) as RegisterOptions };
  return registerWorkload.checkers(ctx).linearizable;
}

describe('register workload: explain-timeout', () => {
  it("is not set by default (the checker's own budget: up to DEFAULT_EXPLAIN_TIMEOUT_S, stopping once it stalls) and rejects a negative one", () => {
    expect(registerOptionsSchema.parse({})['explain-timeout']).toBeUndefined();
    expect(registerOptionsSchema.shape['explain-timeout'].description).toContain(`up to ${DEFAULT_EXPLAIN_TIMEOUT_S}`);
    expect(registerOptionsSchema.parse({ 'explain-timeout': '0.5' })['explain-timeout']).toBe(0.5);
    expect(registerOptionsSchema.safeParse({ 'explain-timeout': '-1' }).success).toBe(false);
  });

  it('reaches the checker: with 0 only the key the verdict found is reported; by default both are, each explained', async () => {
    const prefix = (a: { detail?: unknown }) => (a.detail as { partialLinearizations: { ops: number[] }[] }).partialLinearizations[0].ops.length;
    const none = await checker({ 'explain-timeout': '0' }).check(test, twoStaleKeys(), {});
    expect(none.valid).toBe(false);
    expect(none.anomalies!.map((a) => a.key)).toEqual(['a']);
    expect(none.stats).toMatchObject({ undecidedKeys: 1 });
    const full = await checker({}).check(test, twoStaleKeys(), {});
    expect(full.anomalies!.map((a) => a.key)).toEqual(['a', 'b']);
    expect(full.anomalies!.map(prefix).every((n) => n > 0)).toBe(true);
    expect(full.stats).toMatchObject({ undecidedKeys: 0 });
  });
});
