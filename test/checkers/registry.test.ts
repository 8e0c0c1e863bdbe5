/**
 * The checker registry's contract, for every registered checker: its name is its key, its models are in
 * the lattice, its options have defaults, it rules only on models it declares, and it is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { checkerEntry, checkers } from '../../src/checkers/index.js';
import { MODELS } from '../../src/core/models.js';
import type { Op } from '../../src/core/op.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

/** A small history of whatever ops the checker reads: one ok op of each kind, sequential. */
function historyFor(fs: readonly string[]): Op[] {
  const ops: Op[] = [];
  fs.forEach((f, i) => {
    ops.push({ index: ops.length, time: ops.length, process: 0, type: 'invoke', f, value: null, key: 'k' });
    ops.push({ index: ops.length, time: ops.length, process: 0, type: 'fail', f, value: null, key: 'k', error: `e${i}` });
  });
  return ops;
}

describe('checker registry', () => {
  for (const [key, entry] of Object.entries(checkers)) {
    describe(key, () => {
      it('is listed under its own name, rules on known models and reads some ops', () => {
        expect(entry.name).toBe(key);
        expect(checkerEntry(key)).toBe(entry);
        expect(entry.models.length).toBeGreaterThan(0);
        for (const m of entry.models) expect(MODELS[m], `${key}: model ${m} is not in the lattice`).toBeDefined();
        expect(entry.reads.length).toBeGreaterThan(0);
      });

      it('has a default for every option and refuses an unknown one', () => {
        expect(checkerOptionsSchema(entry).safeParse({}).success).toBe(true);
        expect(checkerOptionsSchema(entry).safeParse({ 'no-such-option': '1' }).success).toBe(false);
      });

      it('rules only on the models it declares, and gives the same result twice', async () => {
        const checker = entry.create(checkerOptionsSchema(entry).parse({}));
        const test = { name: 't', workload: 'w', target: 't', concurrency: 1, seed: 1 };
        const history = historyFor(entry.reads);
        const a = await checker.check(test, history, {});
        const b = await checker.check(test, history, {});
        for (const m of Object.keys(a.models ?? {})) expect(entry.models).toContain(m);
        const strip = (r: typeof a) => ({ ...r, stats: { ...r.stats, ms: undefined } });
        expect(strip(a)).toEqual(strip(b));
      });
    });
  }

  it('has no entry for a name that is not registered', () => {
    expect(checkerEntry('constructor')).toBeUndefined();
    expect(checkerEntry('no-such-checker')).toBeUndefined();
  });
});
