import { describe, expect, it } from 'vitest';
import { closeVerdicts, MODELS, mergeVerdict, strongerModels, summariseModels, weakerModels } from '../../src/core/models.js';
import { assembleResults } from '../../src/runner/results.js';
import type { Op } from '../../src/core/op.js';

describe('the model lattice', () => {
  it('names only models it defines, and has no cycle', () => {
    for (const [m, info] of Object.entries(MODELS)) {
      for (const w of info.implies) expect(MODELS[w], `${m} implies unknown model ${w}`).toBeDefined();
      expect(weakerModels(m).has(m), `${m} implies itself`).toBe(false);
    }
  });

  it('follows implications transitively in both directions', () => {
    expect([...weakerModels('linearizable')].sort()).toEqual(
      ['causal', 'causal-convergence', 'causal-memory', 'eventual', 'monotonic-reads', 'monotonic-writes', 'read-your-writes', 'sequential', 'writes-follow-reads'].sort(),
    );
    expect(weakerModels('serializable').has('read-committed')).toBe(true);
    expect(weakerModels('serializable').has('strict-serializable')).toBe(false);
    expect(strongerModels('read-committed').has('strict-serializable')).toBe(true);
    expect(strongerModels('causal-memory').has('causal-convergence')).toBe(false);
  });

  it('spreads a holding model down and a ruled-out model up, leaving the rest not checked', () => {
    const v = closeVerdicts({ sequential: { status: 'holds', by: [], checker: 'seq' }, 'read-your-writes': { status: 'holds', by: [] } }, ['linearizable', 'sequential']);
    expect(v.linearizable.status).toBe('not-checked');
    expect(v.causal).toEqual({ status: 'holds', by: [], checker: 'seq' });
    expect(v.eventual.status).toBe('holds');

    const r = closeVerdicts({ 'read-committed': { status: 'ruled-out', by: ['G1a'], checker: 'list-append' } }, ['read-uncommitted']);
    expect(r['strict-serializable']).toEqual({ status: 'ruled-out', by: ['G1a'], checker: 'list-append' });
    expect(r['snapshot-isolation'].status).toBe('ruled-out');
    expect(r['read-uncommitted'].status).toBe('not-checked');
  });

  it('never lets an implied hold overturn a rule-out, and merges rule-outs from two checkers', () => {
    const v = closeVerdicts({ serializable: { status: 'holds', by: [] }, 'read-committed': { status: 'ruled-out', by: ['G1b'] } });
    expect(v['read-committed'].status).toBe('ruled-out');
    expect(v['read-uncommitted'].status).toBe('holds');
    const m = mergeVerdict({ status: 'ruled-out', by: ['G0'] }, { status: 'ruled-out', by: ['G1c', 'G0'] });
    expect(m.by.sort()).toEqual(['G0', 'G1c']);
    expect(mergeVerdict({ status: 'holds', by: [] }, { status: 'unknown', by: [] }).status).toBe('unknown');
    expect(mergeVerdict({ status: 'ruled-out', by: ['x'] }, { status: 'unknown', by: [] }).status).toBe('ruled-out');
  });

  it('spreads a hold onto every weaker model, also one a checker could not decide directly (a hold is only claimed where shown)', () => {
    const v = closeVerdicts({
      serializable: { status: 'holds', by: [], checker: 'rw-register' },
      'read-atomic': { status: 'unknown', by: [], checker: 'rw-register' },
      'repeatable-read': { status: 'unknown', by: [], checker: 'other' },
    });
    expect(v['read-atomic'].status).toBe('holds');
    expect(v['repeatable-read'].status).toBe('holds');
    expect(v['read-uncommitted'].status).toBe('holds');
  });

  it('names the strongest model that held and the weakest ruled out', () => {
    const v = closeVerdicts({ causal: { status: 'holds', by: [] }, sequential: { status: 'ruled-out', by: ['cycle'] } }, ['linearizable']);
    expect(summariseModels(v)).toEqual({ strongestHeld: ['causal'], weakestRuledOut: ['sequential'] });
  });
});

describe('results carry the models of the workload', () => {
  const history: Op[] = [
    { index: 0, time: 0, process: 0, type: 'invoke', f: 'read', value: null },
    { index: 1, time: 1, process: 0, type: 'ok', f: 'read', value: null },
  ];

  it('tags each ruling with its checker and lists unjudged relevant models as not checked', () => {
    const r = assembleResults({ lin: { valid: false, models: { linearizable: { status: 'ruled-out', by: ['nonlinearizable'] } }, anomalies: [] } }, ['linearizable', 'eventual'], history);
    expect(r.models.linearizable).toEqual({ status: 'ruled-out', by: ['nonlinearizable'], checker: 'lin' });
    expect(r.models.eventual.status).toBe('not-checked');
    expect(r.modelSummary.weakestRuledOut).toEqual(['linearizable']);
  });

  it('with no checker at all, every relevant model is not checked and the verdict is unknown', () => {
    const r = assembleResults({}, ['linearizable'], history);
    expect(r.valid).toBe('unknown');
    expect(r.models).toEqual({ linearizable: { status: 'not-checked', by: [] } });
  });
});
