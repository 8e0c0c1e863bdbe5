/**
 * A brute-force (strict) serializability checker for small transactional histories, to test the engine
 * against: it tries every set of unknown-outcome transactions that may have committed and every order
 * of the committed ones (depth first, abandoning an order as soon as a transaction's reads disagree),
 * executing them one at a time. With `order: 'realtime'`, a transaction that completed before another
 * was invoked must come first; with `'process'`, one that completed before another of its process was
 * invoked. Exponential: keep histories to a handful of transactions.
 */
import type { Op } from '../../../src/core/op.js';
import type { Semantics } from './serial-history.js';

interface BTxn {
  mops: [string, string | number, unknown][];
  ok: boolean;
  process: unknown;
  invokePos: number;
  completePos: number;
}

/** Which order of the history the serial order must respect. */
export type Order = 'none' | 'process' | 'realtime';

function txnsOf(history: readonly Op[]): BTxn[] {
  const open = new Map<unknown, BTxn & { invoke: Op }>();
  const out: BTxn[] = [];
  history.forEach((op, pos) => {
    if (op.type === 'invoke') {
      open.set(op.process, { invoke: op, mops: op.value as BTxn['mops'], ok: false, process: op.process, invokePos: pos, completePos: Infinity });
      return;
    }
    const t = open.get(op.process) as BTxn & { invoke: Op };
    open.delete(op.process);
    if (op.type === 'fail') return;
    if (op.type === 'ok') out.push({ ...t, mops: op.value as BTxn['mops'], ok: true, completePos: pos });
    else out.push(t);
  });
  for (const t of open.values()) out.push(t);
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** True when some serial order of committed transactions explains every `ok` read. */
export function bruteForce(history: readonly Op[], sem: Semantics, realtime: Order): boolean {
  const txns = txnsOf(history);
  const unknown = txns.filter((t) => !t.ok);
  for (let subset = 0; subset < 1 << unknown.length; subset++) {
    const committed = txns.filter((t) => t.ok || (subset >> unknown.indexOf(t)) & 1);
    if (order(committed, [], new Map(), sem, realtime)) return true;
  }
  return false;
}

function order(left: BTxn[], placed: BTxn[], state: Map<string | number, unknown>, sem: Semantics, realtime: Order): boolean {
  if (left.length === 0) return true;
  for (const t of left) {
    const before = (u: BTxn): boolean => u !== t && u.completePos < t.invokePos && (realtime === 'realtime' || u.process === t.process);
    if (realtime !== 'none' && left.some(before)) continue;
    const s = new Map(state);
    const keyIds = new Map<string | number, number>();
    const local = new Map<number, unknown>();
    const id = (k: string | number): number => {
      if (!keyIds.has(k)) {
        keyIds.set(k, keyIds.size);
        if (s.has(k)) local.set(keyIds.size - 1, s.get(k));
      }
      return keyIds.get(k) as number;
    };
    let ok = true;
    for (const [f, k, v] of t.mops) {
      const kid = id(k);
      if (f === 'r') {
        if (t.ok && !same(sem.read(local, kid), v ?? (sem.writeF === 'append' ? [] : null))) ok = false;
      } else sem.write(local, kid, v as number);
      if (!ok) break;
    }
    if (!ok) continue;
    for (const [k, kid] of keyIds) if (local.has(kid)) s.set(k, local.get(kid));
    if (order(left.filter((u) => u !== t), [...placed, t], s, sem, realtime)) return true;
  }
  return false;
}
