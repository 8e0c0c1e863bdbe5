/**
 * The options the eventual workloads (`set`, `counter`) share, as zod schema fields with their
 * defaults (written here only), and how they become the op stream's mix and the final phase.
 */
import { z } from 'zod';
import type { EventualMix } from './eventual-ops.js';
import type { FinalReadsOptions } from './final-reads.js';

/** Option fields shared by the eventual workloads; `per` names the per-key update count option. */
export function eventualWorkloadFields(per: string, perDefault: number) {
  return {
    'key-count': z.coerce.number().int().positive().default(5).describe('keys (sets or counters), each updated and read by every client thread'),
    [per]: z.coerce.number().int().positive().default(perDefault).describe('updates of each key, shared evenly among the client threads'),
    'read-fraction': z.coerce.number().min(0).lt(1).default(0.2).describe('chance that an op of the main phase is a read'),
    quiescence: z.coerce.number().nonnegative().default(2).describe('seconds to wait after the heal before the final reads'),
    'final-read-rounds': z.coerce.number().int().positive().default(10).describe('most rounds of final reads (every thread reads every key) until all agree'),
    'final-read-interval': z.coerce.number().nonnegative().default(1).describe('seconds between rounds of final reads'),
  } as const;
}

/** The keys `k0`…`k{n-1}`. */
export const eventualKeys = (n: number): string[] => Array.from({ length: n }, (_, i) => `k${i}`);

/** The final phase's settings from validated options. */
export function finalReadsOf(opts: Record<string, unknown>): FinalReadsOptions {
  return {
    keys: eventualKeys(opts['key-count'] as number),
    quiescence: opts.quiescence as number,
    rounds: opts['final-read-rounds'] as number,
    interval: opts['final-read-interval'] as number,
  };
}

/** The main phase's mix from validated options. */
export function mixOf(update: EventualMix['update'], per: string, opts: Record<string, unknown>, maxIncrement = 1): EventualMix {
  return {
    update,
    keys: eventualKeys(opts['key-count'] as number),
    updatesPerKey: opts[per] as number,
    readFraction: opts['read-fraction'] as number,
    maxIncrement,
  };
}
