/**
 * The registry entry of the rw-register checker: Elle-style dependency-cycle analysis of transactions
 * that read and write registers.
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { adapterOptions, elleOptionFields } from './elle-options.js';
import { RW_REGISTER_MODELS } from './elle-models.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the rw-register checker, with their defaults. */
export const rwRegisterOptions = {
  ...elleOptionFields(RW_REGISTER_MODELS),
  /** Order the version a committed transaction read before the one it then wrote (a cycle needing it proves read committed violated). */
  'wfr-keys': { kind: 'bool', default: true },
  /** Order versions by process order, as if each key were sequentially consistent (proves only strong session serializability violated). */
  'sequential-keys': { kind: 'bool', default: true },
  /** Order versions by real time, as if each key were linearizable (proves only strict serializability violated). */
  'linearizable-keys': { kind: 'bool', default: true },
} as const satisfies OptionSpecs;
/** Validated options of the rw-register checker. */
export type RwRegisterEntryOptions = OptionValues<typeof rwRegisterOptions>;

/** The registry entry `rw-register`. */
export const rwRegisterEntry: CheckerEntry<RwRegisterEntryOptions> = {
  name: 'rw-register',
  description: 'transactional isolation of read/write transactions over registers (Elle’s rw-register: G0 … G2-item, lost update, with process and real-time variants)',
  models: RW_REGISTER_MODELS,
  reads: ['txn'],
  options: rwRegisterOptions,
  create: (o) => {
    const options = { ...adapterOptions(o), wfrKeys: o['wfr-keys'], sequentialKeys: o['sequential-keys'], linearizableKeys: o['linearizable-keys'] };
    return lazyChecker(async () => (await import('./rw-register.js')).rwRegisterChecker(options));
  },
};
