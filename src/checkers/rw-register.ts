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
import { RW_REGISTER_MODELS } from './elle-models.js';

export { RW_REGISTER_MODELS } from './elle-models.js';

/** An rw-register checker for validated options. */
export function rwRegisterChecker(o: ElleCheckerOptions & RwRegisterOptions): Checker {
  return elleChecker({ rulesOn: RW_REGISTER_MODELS, undecidable: ['read-atomic', 'transactional-causal'], run: (h, e) => checkRwRegister(h, { ...e, ...o }) }, o);
}
