/**
 * The registry entry of the set-full checker: lost, stale, duplicated and unexpected elements of
 * add-only sets, and how long acknowledged adds took to become visible.
 */
import type { OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { eventualOptionFields, SET_FULL_MODELS } from './eventual-options.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the set-full checker, with their defaults. */
export const setFullOptions = eventualOptionFields(SET_FULL_MODELS, ['eventual']);
/** Validated options of the set-full checker. */
export type SetFullEntryOptions = OptionValues<typeof setFullOptions>;

/** The registry entry `set-full`. */
export const setFullEntry: CheckerEntry<SetFullEntryOptions> = {
  name: 'set-full',
  description: 'add-only sets (Jepsen’s set-full): lost, stale, never-read, duplicated and unexpected elements, visibility latency, read-your-writes and monotonic reads',
  models: SET_FULL_MODELS,
  reads: ['add', 'read'],
  options: setFullOptions,
  create: (o) => lazyChecker(async () => (await import('./set-full.js')).setFullChecker({ models: o['consistency-models'], maxAnomalies: o['max-anomalies'] })),
};
