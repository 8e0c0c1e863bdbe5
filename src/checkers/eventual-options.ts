/**
 * The options the eventual checkers share, as zod schema fields with their defaults (written here
 * only): which models the verdict is about, and how many anomalies of each kind to keep.
 */
import { z } from 'zod';
import { COUNTER_RULES, SET_FULL_RULES } from '../eventual/rules.js';

/** The models the counter checker rules on. */
export const COUNTER_MODELS = Object.keys(COUNTER_RULES) as [keyof typeof COUNTER_RULES, ...(keyof typeof COUNTER_RULES)[]];
/** The models set-full rules on. */
export const SET_FULL_MODELS = Object.keys(SET_FULL_RULES) as [keyof typeof SET_FULL_RULES, ...(keyof typeof SET_FULL_RULES)[]];

/** Shared option fields, for a checker that rules on `models`, with the verdict about `defaults`. */
export function eventualOptionFields<M extends readonly [string, ...string[]]>(models: M, defaults: readonly M[number][]) {
  return {
    /** The models the verdict is about (comma-separated); the checker rules on all of `models` anyway. */
    'consistency-models': z
      .preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : v), z.array(z.enum(models)).min(1))
      .default([...defaults] as M[number][])
      .describe('models the verdict is about (the checker rules on all it can, whichever are chosen)'),
    /** Anomalies kept per kind; all of them are counted in the stats. */
    'max-anomalies': z.coerce.number().int().positive().default(20).describe('anomalies kept per kind (all are counted)'),
  };
}
