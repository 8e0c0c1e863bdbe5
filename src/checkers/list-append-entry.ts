/**
 * The registry entry of the list-append checker: Elle-style dependency-cycle analysis of transactions
 * that append to and read lists.
 */
import type { OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { adapterOptions, elleOptionFields } from './elle-options.js';
import { LIST_APPEND_MODELS } from './elle-models.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the list-append checker, with their defaults. */
export const listAppendOptions = elleOptionFields(LIST_APPEND_MODELS);
/** Validated options of the list-append checker. */
export type ListAppendEntryOptions = OptionValues<typeof listAppendOptions>;

/** The registry entry `list-append`. */
export const listAppendEntry: CheckerEntry<ListAppendEntryOptions> = {
  name: 'list-append',
  description: 'transactional isolation of append/read transactions over lists (Elle’s list-append: G0 … G2-item, lost update, with process and real-time variants)',
  models: LIST_APPEND_MODELS,
  reads: ['txn'],
  options: listAppendOptions,
  create: (o) => {
    const options = adapterOptions(o);
    return lazyChecker(async () => (await import('./list-append.js')).listAppendChecker(options));
  },
};
