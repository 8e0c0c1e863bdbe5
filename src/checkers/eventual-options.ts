/**
 * The options the eventual checkers share, as option specs with their defaults (written here
 * only): which models the verdict is about, and how many anomalies of each kind to keep.
 */
import type { EnumListSpec } from '../core/option-spec.js';
import { COUNTER_RULES, SET_FULL_RULES } from '../eventual/rules.js';

/** The models the counter checker rules on. */
export const COUNTER_MODELS = Object.keys(COUNTER_RULES) as [keyof typeof COUNTER_RULES, ...(keyof typeof COUNTER_RULES)[]];
/** The models set-full rules on. */
export const SET_FULL_MODELS = Object.keys(SET_FULL_RULES) as [keyof typeof SET_FULL_RULES, ...(keyof typeof SET_FULL_RULES)[]];

/** Shared option fields, for a checker that rules on `models`, with the verdict about `defaults`. */
export function eventualOptionFields<M extends readonly [string, ...string[]]>(models: M, defaults: readonly M[number][]) {
  return {
    /** The models the verdict is about (comma-separated); the checker rules on all of `models` anyway. */
    'consistency-models': {
      kind: 'enum-list',
      values: models,
      default: [...defaults],
      help: 'models the verdict is about (the checker rules on all it can, whichever are chosen)',
    } as EnumListSpec<M[number]>,
    /** Anomalies kept per kind; all of them are counted in the stats. */
    'max-anomalies': { kind: 'number', min: 'positive', int: true, default: 20, help: 'anomalies kept per kind (all are counted)' },
  } as const;
}
