/**
 * results.json as the report reads it: the verdict a file stores stands, and one written without the
 * history at hand keeps its checkers' verdict (the no-ok-op rule needs the op counts); with the history,
 * a history in which nothing succeeded is unknown, as `run` and `check` say.
 */
import { describe, expect, it } from 'vitest';
import { normaliseResults } from '../../src/report/report-data.js';

const single = { valid: true, models: { linearizable: { status: 'holds', by: [] } } };

describe('normaliseResults', () => {
  it('keeps a stored verdict, and an old single result without history as its checker said', () => {
    const stored = normaliseResults({ valid: true, checks: { linearizable: single }, anomalies: [] }, null)!;
    expect([stored.valid, stored.undecidedBecause]).toEqual([true, undefined]);
    const old = normaliseResults(single, null)!;
    expect([old.valid, old.undecidedBecause, old.models.linearizable?.status]).toEqual([true, undefined, 'holds']);
  });

  it('judges an old single result with its history by the same rule as run and check', () => {
    const failed = [
      { index: 0, time: 0, process: 0, type: 'invoke' as const, f: 'write', key: 'x', value: 1 },
      { index: 1, time: 1, process: 0, type: 'fail' as const, f: 'write', key: 'x', value: 1, error: 'refused' },
    ];
    const r = normaliseResults(single, failed)!;
    expect([r.valid, r.undecidedBecause]).toEqual(['unknown', 'no operation succeeded: of 1 client op 1 failed (1 refused)']);
  });
});
