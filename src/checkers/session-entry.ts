/**
 * The registry entry of the session-guarantees checker: read-your-writes, monotonic reads, monotonic
 * writes and writes-follow-reads of register/kv histories with unique written values.
 */
import type { OptionSpecs, OptionValues } from '../core/option-spec.js';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the session-guarantees checker, with their defaults. */
export const sessionOptions = {
  /** Violations reported per guarantee; all of them are counted in the stats. */
  'max-anomalies': { kind: 'number', min: 'positive', int: true, default: 10 },
} as const satisfies OptionSpecs;
/** Validated options of the session-guarantees checker. */
export type SessionEntryOptions = OptionValues<typeof sessionOptions>;

export const sessionEntry: CheckerEntry<SessionEntryOptions> = {
  name: 'session',
  description: 'session guarantees per client session: read-your-writes, monotonic reads and writes, writes-follow-reads (unique writes)',
  models: ['read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'],
  reads: ['read', 'write', 'cas'],
  options: sessionOptions,
  create: (o) => lazyChecker(async () => (await import('./session.js')).sessionChecker({ maxAnomalies: o['max-anomalies'] })),
};
