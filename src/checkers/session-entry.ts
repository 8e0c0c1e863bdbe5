/**
 * The registry entry of the session-guarantees checker: read-your-writes, monotonic reads, monotonic
 * writes and writes-follow-reads of register/kv histories with unique written values.
 */
import { z } from 'zod';
import type { CheckerEntry } from './entry.js';
import { lazyChecker } from './lazy-checker.js';

/** Options of the session-guarantees checker, with their defaults. */
export const sessionOptionsSchema = z.strictObject({
  /** Violations reported per guarantee; all of them are counted in the stats. */
  'max-anomalies': z.coerce.number().int().positive().default(10),
});
/** Validated options of the session-guarantees checker. */
export type SessionEntryOptions = z.infer<typeof sessionOptionsSchema>;

export const sessionEntry: CheckerEntry<SessionEntryOptions> = {
  name: 'session',
  description: 'session guarantees per client session: read-your-writes, monotonic reads and writes, writes-follow-reads (unique writes)',
  models: ['read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'],
  reads: ['read', 'write', 'cas'],
  optionsSchema: sessionOptionsSchema,
  create: (o) => lazyChecker(async () => (await import('./session.js')).sessionChecker({ maxAnomalies: o['max-anomalies'] })),
};
