/**
 * The anomaly → model table of the Elle-style checkers: every kind the engine reports rules out some
 * model of the lattice, and a class the search skips because a found class implies it never rules out
 * a model the found class does not (so skipping never loses a verdict).
 */
import { describe, expect, it } from 'vitest';
import { elleVerdicts, modelsRuledOutBy, rulesOut } from '../../src/checkers/elle-models.js';
import { LIST_APPEND_MODELS } from '../../src/checkers/list-append.js';
import { MODELS } from '../../src/core/models.js';
import { CYCLE_KINDS, DIRECT_KINDS, impliedKinds } from '../../src/elle/index.js';

describe('anomaly → model table', () => {
  it('maps every kind the engine reports to models of the lattice', () => {
    for (const k of [...CYCLE_KINDS, ...DIRECT_KINDS]) {
      expect(modelsRuledOutBy(k).length, k).toBeGreaterThan(0);
      for (const m of modelsRuledOutBy(k)) expect(MODELS[m], `${k}: ${m}`).toBeDefined();
    }
  });

  it('lets a found class stand for every class it implies', () => {
    for (const k of CYCLE_KINDS) {
      for (const implied of impliedKinds(k)) {
        for (const m of LIST_APPEND_MODELS) if (rulesOut(implied, m)) expect(rulesOut(k, m), `${k} implies ${implied}, which rules out ${m}`).toBe(true);
      }
    }
  });

  it('rules out stronger models through the lattice, and keeps weaker ones', () => {
    expect(rulesOut('G1c', 'strict-serializable')).toBe(true);
    expect(rulesOut('G1c', 'read-uncommitted')).toBe(false);
    expect(rulesOut('G2-item', 'snapshot-isolation')).toBe(false);
    expect(rulesOut('G-single-process', 'serializable')).toBe(false);
    expect(rulesOut('G-single-process', 'strict-serializable')).toBe(true);
  });

  it('holds what was checked and not contradicted, is unsure where a search gave up and about what it cannot decide (so the lattice spreads no holds onto it)', () => {
    const cov = { checked: ['serializable'], rulesOn: LIST_APPEND_MODELS, decidable: (m: string) => m !== 'read-atomic' };
    const v = elleVerdicts(['G2-item'], ['G-single'], cov);
    expect(v.serializable).toEqual({ status: 'ruled-out', by: ['G2-item'] });
    expect(v['snapshot-isolation'].status).toBe('unknown');
    expect(v['read-committed'].status).toBe('holds');
    expect(v['read-atomic']).toEqual({ status: 'unknown', by: [] });
    expect(v['strong-session-serializable'].status).toBe('ruled-out');
    expect(elleVerdicts([], [], { ...cov, checked: ['strict-serializable'], decidable: () => false })['strict-serializable'].status).toBe('unknown');
  });
});
