/**
 * The rw-register checker (Elle's rw-register analysis through the `src/elle` engine): transactions of
 * `['w', k, v]` and `['r', k, v]` micro-ops, written values unique per key. A register does not reveal
 * its earlier versions, so the version order is partial (see `src/elle/rw-register/index.ts`): cycles
 * the missing order would close go unseen. So a model "holds" here only when every key's version order
 * is fully known from edges that every execution satisfying the model guarantees
 * (`src/elle/rw-register/orders-known.ts`): writes-follow-reads for read committed and everything
 * stronger, plus process order for strong session serializability, plus real time for strict
 * serializability (a known order that leaves no forbidden cycle is itself the witness, so read
 * uncommitted too may rest on writes-follow-reads). Otherwise the model
 * is unknown unless an anomaly rules it out. Read atomicity (no fractured-read check) and transactional causal
 * consistency (only ruled out, see `src/elle/rw-register/causal.ts`) are never shown to hold.
 */
import type { Checker } from '../core/checker.js';
import type { Op } from '../core/op.js';
import { checkRwRegister, type ElleResult, type RwRegisterOptions } from '../elle/index.js';
import { elleChecker, type ElleCheckerOptions } from './elle-adapter.js';
import { RW_REGISTER_MODELS } from './elle-models.js';

export { RW_REGISTER_MODELS } from './elle-models.js';

/** The models an rw-register result cannot show to hold (see the header). */
export function rwRegisterUndecidable(_history: readonly Op[], r: ElleResult): string[] {
  const s = r.stats;
  if ((s.rwEdgesLeftOut ?? 0) > 0) return [...RW_REGISTER_MODELS];
  const out = ['read-atomic', 'transactional-causal'];
  if (!s.ordersKnownRealtime) out.push('strict-serializable');
  if (!s.ordersKnownProcess) out.push('strong-session-serializable');
  if (!s.ordersKnownData) out.push(...RW_REGISTER_MODELS.filter((m) => !['strict-serializable', 'strong-session-serializable', 'read-atomic'].includes(m)));
  return out;
}

/** An rw-register checker for validated options. */
export function rwRegisterChecker(o: ElleCheckerOptions & RwRegisterOptions): Checker {
  const undecidable = rwRegisterUndecidable;
  return elleChecker({ rulesOn: RW_REGISTER_MODELS, undecidable, run: (h, e) => checkRwRegister(h, { ...e, ...o }) }, o);
}
