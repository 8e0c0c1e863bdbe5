/**
 * A history in which no client op completed ok decides nothing: whatever the workload and checker, its
 * verdict is unknown (exit 2) with a one-line `no operation succeeded: …` reason, and no model holds.
 * An anomaly found still makes it invalid.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkHistory } from '../../src/runner/results.js';
import { checkers } from '../../src/checkers/index.js';
import { workloads } from '../../workloads/index.js';
import { runCliProcess } from '../support/cli.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const listAppend = () => checkers['list-append']!.create(checkerOptionsSchema(checkers['list-append']!).parse({}));
const test = { name: 't', workload: 'list-append', target: 'raft-kv', concurrency: 2, seed: 1 };

/** `n` transactions per process that all fail with `error` (info when `error` is undefined). */
function refused(n: number, error: string | undefined): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < n; i++) {
    for (const process of [0, 1]) {
      const value = [['append', `k${i}`, process + 1], ['r', `k${i}`, null]];
      ops.push({ index: ops.length, time: ops.length * 1000, process, type: 'invoke', f: 'txn', value });
      ops.push({ index: ops.length, time: ops.length * 1000, process, type: error ? 'fail' : 'info', f: 'txn', value, ...(error ? { error } : {}) } as Op);
    }
  }
  return ops;
}

describe('a history with no ok op', () => {
  it('is unknown, never valid, with the reason, for every workload’s checkers; no model holds', async () => {
    for (const w of Object.values(workloads)) {
      const opts = w.optionsSchema.parse({});
      const cs = w.checkers({ ...test, workload: w.name, opts } as never);
      const r = await checkHistory(cs, w.models, test, refused(5, 'unsupported: txn is not available with replication=leaderless'));
      expect(r.valid, w.name).toBe('unknown');
      expect(r.undecidedBecause, w.name).toBe('no operation succeeded: of 10 client ops 10 failed (10 unsupported: txn is not available with replication=leaderless)');
      expect(Object.values(r.models).filter((v) => v.status === 'holds'), w.name).toEqual([]);
    }
  });

  it('says how many ended with an unknown outcome, and an empty history is unknown too', async () => {
    const cs = { 'list-append': listAppend() };
    const info = await checkHistory(cs, [], test, refused(2, undefined));
    expect([info.valid, info.undecidedBecause]).toEqual(['unknown', 'no operation succeeded: of 4 client ops 4 with unknown outcome']);
    const empty = await checkHistory(cs, [], test, []);
    expect([empty.valid, empty.undecidedBecause]).toEqual(['unknown', 'no operation succeeded: the history has no completed client op']);
  });

  it('one ok op is enough to let the checkers decide', async () => {
    const h = refused(2, 'unsupported');
    h[1] = { ...h[1]!, type: 'ok', value: [['append', 'k0', 1], ['r', 'k0', [1]]] } as Op;
    delete (h[1] as { error?: string }).error;
    const r = await checkHistory({ 'list-append': listAppend() }, ['serializable'], test, h);
    expect([r.valid, r.undecidedBecause, r.models.serializable?.status]).toEqual([true, undefined, 'holds']);
  });

  it('faultline check exits 2 with the reason in one line, also with --model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-no-success-'));
    const file = join(dir, 'refused.jsonl');
    writeFileSync(file, refused(3, 'unsupported').map((op) => JSON.stringify(op) + '\n').join(''));
    const plain = await runCliProcess(['check', file, '--checker', 'list-append']);
    expect(plain.code, plain.stderr).toBe(2);
    expect(plain.stdout).toMatch(/^list-append: unknown {2}\S+ \(12 records\): no operation succeeded: of 6 client ops 6 failed \(6 unsupported\)$/m);
    const model = await runCliProcess(['check', file, '--checker', 'list-append', '--model', 'serializable']);
    expect(model.code, model.stderr).toBe(2);
    expect(model.stdout).toMatch(/^serializable: undecided$/m);
  });
});
