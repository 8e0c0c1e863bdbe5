/**
 * The rw-register checker (Elle's rw-register analysis through the `src/elle` engine): transactions of
 * `['w', k, v]` and `['r', k, v]` micro-ops, written values unique per key. A register does not reveal
 * its earlier versions, so the version order is partial (see `src/elle/rw-register/index.ts`): cycles
 * the missing order would close go unseen. So a model "holds" here only when the version order of every
 * key is known — each key has at most one write that may have taken effect (its version follows the
 * initial state) — and the dependency graph is then exact; otherwise every model is unknown unless an
 * anomaly rules it out. Read atomicity is never shown to hold directly (no fractured-read check).
 */
import type { Checker } from '../core/checker.js';
import type { Op } from '../core/op.js';
import { checkRwRegister, type RwRegisterOptions } from '../elle/index.js';
import { elleChecker, type ElleCheckerOptions } from './elle-adapter.js';
import { LIST_APPEND_MODELS } from './list-append.js';

/** The models the rw-register checker rules on (the same as list-append's). */
export const RW_REGISTER_MODELS = LIST_APPEND_MODELS;

/**
 * True when every key has at most one written value in the whole history, so its version order — the
 * initial state, then that write — is fully known. Writes of failed transactions count too (they are
 * not needed for the order, but counting them only errs towards unknown).
 */
export function versionOrdersKnown(history: readonly Op[]): boolean {
  const written = new Map<string, string>();
  for (const op of history) {
    if (op.f !== 'txn' || !Array.isArray(op.value)) continue;
    for (const m of op.value) {
      if (!Array.isArray(m) || m[0] !== 'w') continue;
      const [k, v] = [JSON.stringify(m[1]), JSON.stringify(m[2])];
      if (written.has(k) && written.get(k) !== v) return false;
      written.set(k, v);
    }
  }
  return true;
}

/** An rw-register checker for validated options. */
export function rwRegisterChecker(o: ElleCheckerOptions & RwRegisterOptions): Checker {
  const undecidable = (history: readonly Op[]) => (versionOrdersKnown(history) ? ['read-atomic'] : RW_REGISTER_MODELS);
  return elleChecker({ rulesOn: RW_REGISTER_MODELS, undecidable, run: (h, e) => checkRwRegister(h, { ...e, ...o }) }, o);
}
