/**
 * The registry entry of the counter checker: reads of increment-only counters within the bounds the
 * increments around them allow, and exact final reads after the heal.
 */
import type { OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { COUNTER_MODELS, eventualOptionFields } from './eventual-options.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the counter checker, with their defaults. */
export const counterOptions = eventualOptionFields(COUNTER_MODELS, ['eventual']);
/** Validated options of the counter checker. */
export type CounterEntryOptions = OptionValues<typeof counterOptions>;

/** The registry entry `counter`. */
export const counterEntry: CheckerEntry<CounterEntryOptions> = {
  name: 'counter',
  description: 'increment-only counters (Jepsen’s counter): each read between the acknowledged and attempted increments around it; final reads exact',
  models: COUNTER_MODELS,
  reads: ['incr', 'read'],
  options: counterOptions,
  create: (o) => lazyChecker(async () => (await import('./counter.js')).counterChecker({ models: o['consistency-models'], maxAnomalies: o['max-anomalies'] })),
};
