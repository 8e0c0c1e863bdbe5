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
 * Integers beyond 2^53 stay exact (`bigint`): values are compared and printed exactly.
 */
import type { HistoryOp, Value } from '../causal/index.js';
import { UserError } from '../core/errors.js';
import { showValue } from '../core/exact-json.js';
import type { Op, OpPair } from '../core/op.js';

/** Engine ops and what was left out. */
export interface WeakOps {
  ops: HistoryOp[];
  /** Client ops left out: failed, reads with unknown outcome, unobserved writes with unknown outcome. */
  dropped: number;
  /** A short description of the client op invoked at history index `id`, e.g. `write 3 to "k1"`. */
  describe(id: number): string | undefined;
}

const FS = new Set(['read', 'write', 'cas']);
const [DROP, READ, WRITE, CAS] = [0, 1, 2, 3];

function value(op: Op, v: unknown, checker: string): Value {
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  throw new UserError(`op ${op.index}: the ${checker} checker expected a number, string or null, found ${showValue(v)}`);
}

/** Per key, a set of values. */
class ValueSets<T> {
  private readonly byKey = new Map<string, Map<Value, T>>();
  get(key: string, v: Value): T | undefined {
    return this.byKey.get(key)?.get(v);
  }
  set(key: string, v: Value, t: T): void {
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    m.set(v, t);
  }
}

/**
 * Client ops as invoke/completion pairs, each process's in its program order (as `pairOps`, without
 * building a filtered copy of the history). A malformed history is a `UserError`.
 */
function pairUp(history: readonly Op[]): OpPair[] {
  const open = new Map<unknown, OpPair>();
  const pairs: OpPair[] = [];
  for (const op of history) {
    if (op.process === 'nemesis') continue;
    if (op.type === 'invoke') {
      const prior = open.get(op.process);
      if (prior) throw new UserError(`op ${op.index}: process ${op.process} invoked while op ${prior.invoke.index} is still in flight`);
      const pair: OpPair = { invoke: op, complete: undefined };
      open.set(op.process, pair);
      pairs.push(pair);
      continue;
    }
    const pair = open.get(op.process);
    if (!pair) throw new UserError(`op ${op.index}: ${op.type} from process ${op.process} with no invoke in flight`);
    if (pair.invoke.f !== op.f) throw new UserError(`op ${op.index}: completion f=${op.f} does not match invoke ${pair.invoke.index} f=${pair.invoke.f}`);
    pair.complete = op;
    open.delete(op.process);
  }
  return pairs;
}

/** Converts `history`; throws `UserError` on an op it cannot judge or a repeated written value. */
export function toWeakOps(history: readonly Op[], checker: string): WeakOps {
  const pairs = pairUp(history);
  const n = pairs.length;
  const kind = new Uint8Array(n);
  const unknown = new Uint8Array(n);
  const keys: string[] = new Array(n);
  const read: Value[] = new Array(n);
  const to: Value[] = new Array(n);
  const written = new ValueSets<Op>();
  const observed = new ValueSets<true>();
  const pending: number[] = [];
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const { invoke, complete } = pairs[i];
    const f = invoke.f;
    if (!FS.has(f)) throw new UserError(`op ${invoke.index}: the ${checker} checker reads read, write and cas ops, found "${f}"`);
    if (typeof invoke.process !== 'number') throw new UserError(`op ${invoke.index}: expected a numeric client process, found ${showValue(invoke.process)}`);
    const unsure = !complete || complete.type === 'info';
    if (complete?.type === 'fail' || (unsure && f === 'read')) {
      dropped++;
      continue;
    }
    const key = (keys[i] = invoke.key ?? '');
    unknown[i] = unsure ? 1 : 0;
    if (f === 'read') {
      kind[i] = READ;
      const v = (read[i] = value(complete!, complete!.value, checker));
      if (v !== null) observed.set(key, v, true);
      continue;
    }
    let w: Value;
    if (f === 'write') {
      kind[i] = WRITE;
      w = value(invoke, invoke.value, checker);
    } else {
      kind[i] = CAS;
      const v = invoke.value;
      if (!Array.isArray(v) || v.length !== 2) throw new UserError(`op ${invoke.index}: expected a cas value [from, to], found ${showValue(v)}`);
      read[i] = value(invoke, v[0], checker);
      w = value(invoke, v[1], checker);
      if (!unsure && read[i] !== null) observed.set(key, read[i], true);
    }
    if (w === null) throw new UserError(`op ${invoke.index}: writes null, which a read cannot tell from the initial value; the ${checker} checker needs non-null written values`);
    const first = written.get(key, w);
    if (first) {
      throw new UserError(`op ${invoke.index}: writes ${showValue(w)} to key ${showValue(key)}, which op ${first.index} already wrote; the ${checker} checker needs every written value to be unique per key`);
    }
    written.set(key, w, invoke);
    to[i] = w;
    if (unsure) pending.push(i);
  }
  // Which unknown writes happened: those whose value a read, or a kept cas, observed.
  for (let grew = true; grew; ) {
    grew = false;
    for (const i of pending) {
      if (unknown[i] !== 1 || !observed.get(keys[i], to[i])) continue;
      unknown[i] = 2; // kept
      grew = true;
      if (kind[i] === CAS && read[i] !== null) observed.set(keys[i], read[i], true);
    }
  }
  const ops: HistoryOp[] = [];
  for (let i = 0; i < n; i++) {
    if (kind[i] === DROP) continue;
    if (unknown[i] === 1) {
      kind[i] = DROP;
      dropped++;
      continue;
    }
    const { index: id, process } = pairs[i].invoke;
    const key = keys[i];
    if (kind[i] !== WRITE) ops.push({ id, process: process as number, kind: 'read', key, value: read[i] });
    if (kind[i] !== READ) ops.push({ id, process: process as number, kind: 'write', key, value: to[i] });
  }
  let at: Map<number, number> | undefined;
  const describe = (id: number): string | undefined => {
    at ??= new Map(pairs.map((p, i) => [p.invoke.index, i]));
    const i = at.get(id);
    if (i === undefined || kind[i] === DROP) return undefined;
    const k = showValue(keys[i]);
    if (kind[i] === READ) return `read ${showValue(read[i])} from ${k}`;
    const what = kind[i] === CAS ? `cas ${showValue(read[i])} → ${showValue(to[i])} on ${k}` : `write ${showValue(to[i])} to ${k}`;
    return unknown[i] === 2 ? `${what}, timed out but observed` : what;
  };
  return { ops, dropped, describe };
}
