/**
 * A faultline register or kv history as the causal engine's ops (`src/causal/`), for the checkers that
 * need unique written values (session guarantees, causal consistency). Per client op, by completion:
 *  - `ok` read: a read of the value returned (`null`: the initial value);
 *  - `ok` write: a write;
 *  - `ok` cas [from, to]: a read of `from` then a write of `to`, consecutive in its process — the
 *    engine's histories have reads and writes only, and this keeps what the cas observed and did
 *    (it loses only the atomicity of the pair, so a violation found holds for the atomic cas too);
 *  - `fail`: did not happen, dropped — including a cas whose compare failed (it observed that the
 *    register did not hold `from`, which names no write to have read from);
 *  - `info` (or no completion) read: observed nothing, dropped;
 *  - `info` write or cas: happened iff some read (or a kept cas) observed its value. An unobserved one
 *    is dropped: it may never have happened, and with it gone every check is at least as permissive
 *    (it is the last op of its process, so it only ever adds constraints).
 * Nemesis ops are ignored. Ops without a key form one register. A history whose writes are not unique
 * per key (counting `ok` and `info` writes and cas targets) is refused with a `UserError` naming the
 * first duplicate; so is a write of `null` (a read of it could not be told from the initial value).
 */
import type { HistoryOp, Value } from '../causal/index.js';
import { UserError } from '../core/errors.js';
import { pairOps, type Op, type OpPair } from '../core/op.js';

/** Engine ops and what was left out. */
export interface WeakOps {
  ops: HistoryOp[];
  /** Client ops left out: failed, reads with unknown outcome, unobserved writes with unknown outcome. */
  dropped: number;
  /** Per history index of an invoke: a short description for explanations, e.g. `write 3 to "k1"`. */
  describe: Map<number, string>;
}

const FS = new Set(['read', 'write', 'cas']);

function value(op: Op, v: unknown, checker: string): Value {
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  throw new UserError(`op ${op.index}: the ${checker} checker expected a number, string or null, found ${JSON.stringify(v)}`);
}

const slot = (key: string, v: Value): string => `${key}\u0000${JSON.stringify(v)}`;

/** Converts `history`; throws `UserError` on an op it cannot judge or a repeated written value. */
export function toWeakOps(history: readonly Op[], checker: string): WeakOps {
  let pairs: OpPair[];
  try {
    pairs = pairOps(history.filter((op) => op.process !== 'nemesis'));
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  type Item = { pair: OpPair; key: string; from?: Value; to?: Value; read?: Value; unknown: boolean };
  const items: Item[] = [];
  const written = new Map<string, Op>();
  let dropped = 0;
  for (const pair of pairs) {
    const { invoke, complete } = pair;
    if (!FS.has(invoke.f)) throw new UserError(`op ${invoke.index}: the ${checker} checker reads read, write and cas ops, found "${invoke.f}"`);
    if (typeof invoke.process !== 'number') throw new UserError(`op ${invoke.index}: expected a numeric client process, found ${JSON.stringify(invoke.process)}`);
    const unknown = !complete || complete.type === 'info';
    if (complete?.type === 'fail' || (unknown && invoke.f === 'read')) {
      dropped++;
      continue;
    }
    const key = invoke.key ?? '';
    const item: Item = { pair, key, unknown };
    if (invoke.f === 'read') item.read = value(complete!, complete!.value, checker);
    else if (invoke.f === 'write') item.to = value(invoke, invoke.value, checker);
    else {
      const v = invoke.value;
      if (!Array.isArray(v) || v.length !== 2) throw new UserError(`op ${invoke.index}: expected a cas value [from, to], found ${JSON.stringify(v)}`);
      item.from = value(invoke, v[0], checker);
      item.to = value(invoke, v[1], checker);
    }
    if (item.to !== undefined) {
      if (item.to === null) throw new UserError(`op ${invoke.index}: writes null, which a read cannot tell from the initial value; the ${checker} checker needs non-null written values`);
      const first = written.get(slot(key, item.to));
      if (first) {
        throw new UserError(`op ${invoke.index}: writes ${JSON.stringify(item.to)} to key ${JSON.stringify(key)}, which op ${first.index} already wrote; the ${checker} checker needs every written value to be unique per key`);
      }
      written.set(slot(key, item.to), invoke);
    }
    items.push(item);
  }
  // Which unknown writes happened: those whose value a read, or a kept cas, observed.
  const observed = new Set<string>();
  const kept = new Set<Item>();
  for (const it of items) {
    if (it.unknown) continue;
    kept.add(it);
    if (it.read !== undefined && it.read !== null) observed.add(slot(it.key, it.read));
    if (it.from !== undefined && it.from !== null) observed.add(slot(it.key, it.from));
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const it of items) {
      if (kept.has(it) || !observed.has(slot(it.key, it.to!))) continue;
      kept.add(it);
      grew = true;
      if (it.from !== undefined && it.from !== null) observed.add(slot(it.key, it.from));
    }
  }
  const ops: HistoryOp[] = [];
  const describe = new Map<number, string>();
  for (const it of items) {
    if (!kept.has(it)) {
      dropped++;
      continue;
    }
    const { invoke } = it.pair;
    const base = { id: invoke.index, process: invoke.process as number, key: it.key };
    const k = JSON.stringify(it.key);
    if (it.read !== undefined) {
      ops.push({ ...base, kind: 'read', value: it.read });
      describe.set(invoke.index, `read ${JSON.stringify(it.read)} from ${k}`);
      continue;
    }
    if (it.from !== undefined) ops.push({ ...base, kind: 'read', value: it.from });
    ops.push({ ...base, kind: 'write', value: it.to! });
    const what = it.from !== undefined ? `cas ${JSON.stringify(it.from)} → ${JSON.stringify(it.to)} on ${k}` : `write ${JSON.stringify(it.to)} to ${k}`;
    describe.set(invoke.index, it.unknown ? `${what}, timed out but observed` : what);
  }
  return { ops, dropped, describe };
}
