/**
 * Random corruptions of a list-append history, for the brute-force agreement tests: a read replaced by
 * an arbitrary list of values appended to its key, or cut short to a prefix of itself (a stale read),
 * or a transaction's outcome changed.
 */
import fc from 'fast-check';
import type { Op } from '../../../src/core/op.js';

type Mop = [string, string | number, unknown];

/** One corruption: which kind, where (`at`, modulo the candidates) and with what. */
export interface Corruption {
  kind: 'read' | 'prefix' | 'outcome';
  at: number;
  pick: number[];
  outcome: 'ok' | 'fail' | 'info';
}

/** Arbitrary corruptions: arbitrary reads and changed outcomes, and with `stale` also reads cut short. */
export function corruptions(o: { stale?: boolean } = {}): fc.Arbitrary<Corruption> {
  const kinds = o.stale ? (['read', 'prefix', 'outcome'] as const) : (['read', 'outcome'] as const);
  return fc.record({ kind: fc.constantFrom(...kinds), at: fc.nat(), pick: fc.array(fc.nat(), { maxLength: 4 }), outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const) });
}

/** Arbitrary reads and changed outcomes. */
export const corruption: fc.Arbitrary<Corruption> = corruptions();

/** Applies one corruption: replaces a read by some appended values of its key, or changes an outcome. */
export function corrupt(h: Op[], c: Corruption): Op[] {
  const completions = h.filter((op) => op.type !== 'invoke');
  if (c.kind === 'outcome') {
    const op = completions[c.at % completions.length];
    const invoke = h.filter((o) => o.process === op.process && o.index < op.index && o.type === 'invoke').at(-1) as Op;
    if (op.type === 'info' && c.outcome === 'ok') return h;
    const value = c.outcome === 'ok' ? op.value : invoke.value;
    return h.map((o) => (o === op ? { ...o, type: c.outcome, value } : o));
  }
  const reads = completions.filter((op) => op.type === 'ok').flatMap((op) => (op.value as Mop[]).map((m, i) => ({ op, i, m })).filter((r) => r.m[0] === 'r'));
  if (reads.length === 0) return h;
  const r = reads[c.at % reads.length];
  const values = [...new Set(h.flatMap((op) => (op.value as Mop[] | null ?? []).filter((m) => m[0] === 'append' && m[1] === r.m[1]).map((m) => m[2])))];
  // A failed transaction turned ok keeps its reads' unknown values (null): cut short, nothing is left.
  const was = Array.isArray(r.m[2]) ? (r.m[2] as unknown[]) : [];
  const list = c.kind === 'prefix' ? was.slice(0, (c.pick[0] ?? 0) % Math.max(1, was.length)) : values.length === 0 ? [] : c.pick.map((p) => values[p % values.length]);
  return h.map((o) => (o === r.op ? { ...o, value: (o.value as Mop[]).map((m, i) => (i === r.i ? [m[0], m[1], list] : m)) } : o));
}

