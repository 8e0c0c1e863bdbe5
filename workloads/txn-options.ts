/**
 * The options shared by the transactional workloads (list-append, rw-register): the shape of the
 * transactions (`workloads/txn-ops.ts`) and the checkers that judge them. Each workload extends its
 * checker's registry schema with these, so a checker option is written once, in the registry.
 */
import { z } from 'zod';
import { checkerListOption } from '../src/checkers/select.js';

/** The shape options, with their defaults. */
export function txnShapeFields(checker: string) {
  return {
    'key-count': z.coerce.number().int().positive().default(5).describe('keys in the active pool; a key retires after max-writes-per-key writes and a fresh one takes its place'),
    'min-txn-length': z.coerce.number().int().positive().default(1).describe('fewest micro-ops in a transaction'),
    'max-txn-length': z.coerce.number().int().positive().default(4).describe('most micro-ops in a transaction'),
    'max-writes-per-key': z.coerce.number().int().positive().default(32).describe('writes a key takes before it retires'),
    'read-fraction': z.coerce.number().min(0).max(1).default(0.5).describe('chance that a micro-op is a read'),
    checkers: checkerListOption([checker], ['txn']),
  };
}

/** The shape of the transactions from validated options. */
export function txnShape(write: 'append' | 'w', o: Record<string, number | unknown>) {
  return {
    readBeforeWrite: o['read-before-write'] === true,
    write,
    keyCount: o['key-count'] as number,
    minLength: o['min-txn-length'] as number,
    maxLength: o['max-txn-length'] as number,
    maxWritesPerKey: o['max-writes-per-key'] as number,
    readFraction: o['read-fraction'] as number,
  };
}

/** The refinement both workloads apply: a transaction's length range must not be empty. */
export const lengthsInOrder = (o: Record<string, unknown>): boolean => (o['min-txn-length'] as number) <= (o['max-txn-length'] as number);
export const LENGTHS_MESSAGE = { message: 'must be at least min-txn-length', path: ['max-txn-length'] };
