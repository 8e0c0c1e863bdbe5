/**
 * Turns one partition's history (operations with times, or ordered events) into the flat, time
 * ordered list of call and return entries the search walks. Entries live in typed arrays: entry
 * `e` belongs to local operation `opOf[e]`; a call entry's return is `match[e]`.
 */
import type { Event, Operation } from './types.js';

/** One partition, ready for the search. */
export interface Entries<I = unknown, O = unknown> {
  /** Number of operations. Entries are 0 … 2n-1, in real-time order. */
  n: number;
  /** Per local operation: input, output, and index in the history given to the check. */
  inputs: I[];
  outputs: O[];
  index: number[];
  /** Per entry: 1 for a call, 0 for a return. */
  isCall: Uint8Array;
  /** Per entry: the local operation it belongs to. */
  opOf: Int32Array;
  /** Per call entry: its return entry. */
  match: Int32Array;
}

function allocate<I, O>(n: number): Entries<I, O> {
  return {
    n,
    inputs: new Array<I>(n),
    outputs: new Array<O>(n),
    index: new Array<number>(n),
    isCall: new Uint8Array(2 * n),
    opOf: new Int32Array(2 * n),
    match: new Int32Array(2 * n).fill(-1),
  };
}

/**
 * Builds entries from operations. `indices[i]` is operation i's index in the whole history.
 * Order is by time; at equal times calls come before returns (such operations overlap).
 * An operation with `return: Infinity` (unknown outcome) returns after everything else.
 */
export function entriesFromOperations<I, O>(ops: Operation<I, O>[], indices: number[]): Entries<I, O> {
  const n = ops.length;
  const out = allocate<I, O>(n);
  // Sort 2n (time, kind) keys; calls sort before returns at the same time.
  const order = new Array<number>(2 * n);
  for (let i = 0; i < 2 * n; i++) order[i] = i;
  const timeOf = (k: number): number => (k & 1 ? ops[k >> 1].return : ops[k >> 1].call);
  order.sort((a, b) => timeOf(a) - timeOf(b) || (a & 1) - (b & 1) || a - b);
  const callEntry = new Int32Array(n);
  for (let e = 0; e < 2 * n; e++) {
    const k = order[e];
    const op = k >> 1;
    out.opOf[e] = op;
    if (k & 1) {
      out.match[callEntry[op]] = e;
    } else {
      out.isCall[e] = 1;
      callEntry[op] = e;
      out.inputs[op] = ops[op].input;
      out.outputs[op] = ops[op].output;
      out.index[op] = indices[op];
    }
  }
  for (let i = 0; i < n; i++) {
    const o = ops[i];
    if (!(o.return >= o.call)) {
      throw new Error(`porcupine: operation ${indices[i]} returns (${o.return}) before its call (${o.call})`);
    }
  }
  return out;
}

/**
 * Builds entries from ordered events. `indices[i]` is event i's index in the whole event list;
 * an operation's index is its call event's. A call with no return is open to the end (unknown
 * outcome); a return with no call, or a second call or return for an id, is an Error.
 */
export function entriesFromEvents<I, O>(events: Event<I, O>[], indices: number[]): Entries<I, O> {
  const opOfId = new Map<number, number>();
  const returned = new Set<number>();
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.kind === 'call') {
      if (opOfId.has(ev.id)) throw new Error(`porcupine: event ${indices[i]}: second call for id ${ev.id}`);
      opOfId.set(ev.id, n++);
    } else if (ev.kind === 'return') {
      if (!opOfId.has(ev.id)) throw new Error(`porcupine: event ${indices[i]}: return for id ${ev.id} with no call before it`);
      if (returned.has(ev.id)) throw new Error(`porcupine: event ${indices[i]}: second return for id ${ev.id}`);
      returned.add(ev.id);
    } else {
      throw new Error(`porcupine: event ${indices[i]}: kind must be 'call' or 'return', got ${String(ev.kind)}`);
    }
  }
  const out = allocate<I, O>(n);
  const callEntry = new Int32Array(n);
  let e = 0;
  const place = (op: number, isCall: boolean): void => {
    out.opOf[e] = op;
    if (isCall) {
      out.isCall[e] = 1;
      callEntry[op] = e;
    } else {
      out.match[callEntry[op]] = e;
    }
    e++;
  };
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    const op = opOfId.get(ev.id)!;
    if (ev.kind === 'call') {
      out.inputs[op] = ev.value as I;
      out.index[op] = indices[i];
      place(op, true);
    } else {
      out.outputs[op] = ev.value as O;
      place(op, false);
    }
  }
  // Calls never returned: their returns go after everything else.
  for (const [id, op] of opOfId) if (!returned.has(id)) place(op, false);
  return out;
}
