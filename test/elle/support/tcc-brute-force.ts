/**
 * A brute-force transactional-causal-consistency oracle for small list-append histories, by search
 * over abstract executions (Cerone, Bernardi, Gotsman, CONCUR 2015, without sessions): for some set of
 * committed transactions (ok ones, and any of the unknown ones), some total arbitration order AR and
 * some visibility VIS ⊆ AR that is transitive, every ok transaction's reads return the appends of the
 * transactions visible to it, in AR order, followed by its own earlier appends.
 *
 * The search places transactions in AR order and picks each one's visible set among those already
 * placed, closed under visibility (if u is visible, so is everything visible to u), checking its reads
 * at once (a transaction with nothing to read sees nothing: seeing more would only bind those that see
 * it). Exponential: keep histories to a handful of transactions.
 *
 * One convention of this project's lattice is added: transactional causal implies read committed, and
 * there (after Adya and Elle) each key has one version order, the order its appends took effect in,
 * of which every read shows a prefix. So here a read must also be a prefix of its key's appends in AR
 * order. Cerone's model alone allows reads [1, 3] and [1, 2] side by side, or a transaction that did
 * not see an append AR-before its own to read its own append alone; this project's does not.
 */
import type { Op } from '../../../src/core/op.js';

type Mop = [string, string | number, unknown];

interface T {
  mops: Mop[];
  ok: boolean;
}

function txnsOf(history: readonly Op[]): T[] {
  const open = new Map<unknown, Mop[]>();
  const out: T[] = [];
  for (const op of history) {
    if (op.type === 'invoke') {
      open.set(op.process, op.value as Mop[]);
      continue;
    }
    const mops = open.get(op.process) as Mop[];
    open.delete(op.process);
    if (op.type === 'ok') out.push({ mops: op.value as Mop[], ok: true });
    else if (op.type === 'info') out.push({ mops, ok: false });
  }
  for (const mops of open.values()) out.push({ mops, ok: false });
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** True when some abstract execution explains the history (see the module header). */
export function tccBruteForce(history: readonly Op[]): boolean {
  const txns = txnsOf(history);
  const unknown = txns.filter((t) => !t.ok);
  for (let subset = 0; subset < 1 << unknown.length; subset++) {
    const committed = txns.filter((t) => t.ok || (subset >> unknown.indexOf(t)) & 1);
    if (place(committed, [], [])) return true;
  }
  return false;
}

const appendsOf = (ts: T[]): Map<string | number, unknown[]> => {
  const out = new Map<string | number, unknown[]>();
  for (const u of ts) for (const [f, k, v] of u.mops) if (f === 'append') out.set(k, [...(out.get(k) ?? []), v]);
  return out;
};

/** Reads of `t` given its visible transactions `vis` and all before it, `placed`, in AR order. */
function readsAgree(t: T, vis: T[], placed: T[]): boolean {
  if (!t.ok) return true;
  const state = appendsOf(vis);
  const order = appendsOf([...placed, t]);
  for (const [f, k, v] of t.mops) {
    if (f === 'append') state.set(k, [...(state.get(k) ?? []), v]);
    else {
      const seen = state.get(k) ?? [];
      if (!same(seen, v ?? []) || !same(seen, (order.get(k) ?? []).slice(0, seen.length))) return false;
    }
  }
  return true;
}

/** Places the transactions of `left` after `placed` (AR order), each with a visible set `vis[i]` (indices into `placed`). */
function place(left: T[], placed: T[], vis: Set<number>[]): boolean {
  if (left.length === 0) return true;
  const n = placed.length;
  for (const t of left) {
    // A transaction without reads to check sees nothing, without loss: seeing more only binds those that see it.
    const reads = t.ok && t.mops.some((m) => m[0] === 'r');
    for (let mask = 0; mask < (reads ? 1 << n : 1); mask++) {
      const mine = new Set<number>();
      for (let i = 0; i < n; i++) if ((mask >> i) & 1) mine.add(i);
      if (![...mine].every((i) => [...vis[i]].every((j) => mine.has(j)))) continue;
      if (!readsAgree(t, [...mine].sort((a, b) => a - b).map((i) => placed[i]), placed)) continue;
      if (place(left.filter((u) => u !== t), [...placed, t], [...vis, mine])) return true;
    }
  }
  return false;
}
