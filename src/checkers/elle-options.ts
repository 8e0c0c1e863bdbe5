/**
 * The options the Elle-style checkers share, as option specs with their defaults (written here
 * only). Values arrive as `key=value` strings from `--checker-opt` or as typed values from a workload.
 */
import type { EnumListSpec } from '../core/option-spec.js';
import type { ElleCheckerOptions } from './elle-adapter.js';

/** Shared option fields, for a checker that rules on `models`. */
export function elleOptionFields<M extends readonly [string, ...string[]]>(models: M) {
  return {
    /** The models to check (comma-separated); the verdict is about these. */
    'consistency-models': { kind: 'enum-list', values: models, default: ['strict-serializable'] as unknown as M[number][] } as EnumListSpec<M[number]>,
    /** Edge relaxations the cycle search may spend in one strongly connected component. */
    'cycle-search-budget': { kind: 'number', min: 'positive', int: true, default: 1_000_000 },
    /** Use process order (needed to rule strong session serializability in or out). */
    'process-edges': { kind: 'bool', default: true },
    /** Use real-time order (needed to rule strict serializability in or out). */
    'realtime-edges': { kind: 'bool', default: true },
  } as const;
}

/** The shared fields' values, in the adapter's terms. */
export function adapterOptions(o: {
  'consistency-models': readonly string[];
  'cycle-search-budget': number;
  'process-edges': boolean;
  'realtime-edges': boolean;
}): ElleCheckerOptions {
  return { models: o['consistency-models'], budget: o['cycle-search-budget'], processEdges: o['process-edges'], realtimeEdges: o['realtime-edges'] };
}
