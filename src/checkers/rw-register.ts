/**
 * The rw-register checker (Elle's rw-register analysis through the `src/elle` engine): transactions of
 * `['w', k, v]` and `['r', k, v]` micro-ops, written values unique per key. A register does not reveal
 * its earlier versions, so the version order is partial (see `src/elle/rw-register/index.ts`): a model
 * "holds" here when no anomaly could be inferred, and read atomicity and transactional causal consistency
 * are never shown to hold.
 */
import type { Checker } from '../core/checker.js';
import { checkRwRegister, type RwRegisterOptions } from '../elle/index.js';
import { elleChecker, type ElleCheckerOptions } from './elle-adapter.js';
import { LIST_APPEND_MODELS } from './list-append.js';

/** The models the rw-register checker rules on (the same as list-append's). */
export const RW_REGISTER_MODELS = LIST_APPEND_MODELS;

/** An rw-register checker for validated options. */
export function rwRegisterChecker(o: ElleCheckerOptions & RwRegisterOptions): Checker {
  return elleChecker({ rulesOn: RW_REGISTER_MODELS, undecidable: ['read-atomic', 'transactional-causal'], run: (h, e) => checkRwRegister(h, { ...e, ...o }) }, o);
}
