/**
 * One pass over the `ok` reads of a set, in invoke order, touching each returned element once (plus
 * once more for the previous read of the same process): cost linear in the total size of the reads.
 *
 * For each element it records the last read that held it and where the run of consecutive reads
 * holding it, up to that read, began (so the last read that lacked it, before or after, is found in
 * O(1) later — see set-outcomes.ts), and the completion of the first read that held it. Along the
 * way it finds:
 *  - **duplicated**: an element twice in one read (the read is not a set), expected or not;
 *  - **unexpected**: an element no add attempted, whose add failed, or whose add began only after
 *    the read had completed — nothing can explain it; reported once per read however often it
 *    appears there (each further copy is a duplicate);
 *  - **mr-violation** (monotonic reads): a read of a process lacking an element its previous read
 *    held. Sets only grow, so a later state of a session holds everything an earlier one did;
 *  - **ryw-violation** (read your writes): a read of a process lacking an element whose add that
 *    process had completed `ok` before the read began.
 */
import type { Findings } from './findings.js';
import type { ClientOp } from './history.js';
import { FAILED, isElement, OK, type Elements } from './set-elements.js';
import { EventualInputError, keyText, show } from './types.js';

/** What the pass learnt about each element (arrays indexed by element id). */
export interface Presence {
  /** The `ok` reads, in invoke order. */
  reads: ClientOp[];
  /** The last read (index in `reads`) holding the element; -1 if none. */
  lastPresent: Int32Array;
  /** The first read of the run of consecutive reads holding it that ends at `lastPresent`. */
  runStart: Int32Array;
  /** Completion time of the earliest-completing read holding it; Infinity if none. */
  firstSeen: Float64Array;
}

const MAX_LISTED = 10;

/** Whether element `id` can legitimately be in `read` (its add did not fail and began before the read ended). */
const explicable = (el: Elements, id: number, read: ClientOp): boolean => el.addOutcome[id] !== FAILED && el.addInvoke[id] <= read.completeTime;

/** Scans the reads (`f === readF`) of one key; findings go to `found`. */
export function scanReads(key: string, ops: readonly ClientOp[], el: Elements, readF: string, found: Findings): Presence {
  const reads = ops.filter((op) => op.f === readF && op.outcome === 'ok');
  const n = el.count;
  const lastPresent = new Int32Array(n).fill(-1);
  const runStart = new Int32Array(n).fill(-1);
  const firstSeen = new Float64Array(n).fill(Infinity);
  const stamp = new Int32Array(n).fill(-1);
  const previous = new Map<number | string, number>();
  // Read your writes: each process's acknowledged adds in invoke order, and how many precede the read.
  const own = new Map<number | string, { adds: number[]; before: number }>();
  for (let id = 0; id < n; id++) {
    const add = el.adds[id];
    if (add.outcome !== 'ok') continue;
    let o = own.get(add.process);
    if (!o) own.set(add.process, (o = { adds: [], before: 0 }));
    o.adds.push(id);
  }

  for (let j = 0; j < reads.length; j++) {
    const read = reads[j];
    const value = read.value;
    if (!Array.isArray(value)) throw new EventualInputError(read.invokeIndex, `a read of ${keyText(key)} returned ${show(value)}: set-full expected a list of elements`);
    const mine = own.get(read.process);
    const myProc = el.processIds.get(read.process) ?? -1;
    let ownSeen = 0;
    /** Elements of this read that no add explains and that have no id (made only when one turns up). */
    let strangers: Set<unknown> | undefined;
    const readDone = read.completeTime;
    for (let v = 0; v < value.length; v++) {
      const x: unknown = value[v];
      const id = el.idOf(x);
      if (id >= 0 && stamp[id] !== j && el.addOutcome[id] !== FAILED && el.addInvoke[id] <= readDone) {
        // The common case: an element seen once in this read, whose add can explain it.
        stamp[id] = j;
        if (lastPresent[id] !== j - 1 || j === 0) runStart[id] = j;
        lastPresent[id] = j;
        if (readDone < firstSeen[id]) firstSeen[id] = readDone;
        if (el.addProcess[id] === myProc && el.addOutcome[id] === OK && el.addInvoke[id] < read.invokeTime) ownSeen++;
        continue;
      }
      if (!isElement(x)) throw new EventualInputError(read.invokeIndex, `a read of ${keyText(key)} returned ${show(x)} among its elements: set-full expected numbers or strings`);
      if (id < 0 || !explicable(el, id, read)) {
        // Unexpected once per read; a second copy in the same read is also a duplicate.
        // (Stamping an inexplicable element is safe: ryw and mr look only at explicable ones.)
        let again: boolean;
        if (id >= 0) {
          again = stamp[id] === j;
          stamp[id] = j;
        } else {
          again = (strangers ??= new Set()).has(x);
          strangers.add(x);
        }
        if (!again) {
          found.add('unexpected', () => unexpected(key, x, read, id < 0 ? undefined : el.adds[id]));
          continue;
        }
      }
      // Explicable and already stamped in this read, or an unexpected element seen again in it.
      found.add('duplicated', () => duplicated(key, x, read));
    }
    if (mine) {
      while (mine.before < mine.adds.length && el.adds[mine.adds[mine.before]].invokeTime < read.invokeTime) mine.before++;
      if (ownSeen < mine.before) {
        const missing = mine.adds.slice(0, mine.before).filter((id) => stamp[id] !== j);
        found.add('ryw-violation', () => rywViolation(key, read, missing.map((id) => el.adds[id])));
      }
    }
    const i = previous.get(read.process);
    if (i !== undefined) {
      const before = reads[i];
      const missing: unknown[] = [];
      let count = 0;
      for (const x of before.value as unknown[]) {
        const id = el.idOf(x);
        if (id < 0 || !explicable(el, id, before) || stamp[id] === j) continue;
        if (count++ < MAX_LISTED) missing.push(x);
      }
      if (count > 0) found.add('mr-violation', () => mrViolation(key, before, read, missing, count));
    }
    previous.set(read.process, j);
  }
  return { reads, lastPresent, runStart, firstSeen };
}

/** ` at n1`, or nothing when the history does not record nodes. */
export const at = (op: ClientOp): string => (op.replica.startsWith('process ') ? '' : ` at ${op.replica}`);

function duplicated(key: string, x: unknown, read: ClientOp) {
  return { kind: 'duplicated', key, ops: [read.invokeIndex], explanation: `Op ${read.invokeIndex} (read of ${keyText(key)}${at(read)}) returned element ${show(x)} more than once: a set holds each element once.`, detail: { element: x } };
}

function unexpected(key: string, x: unknown, read: ClientOp, add: ClientOp | undefined) {
  const why = !add
    ? 'no add of it was ever attempted'
    : add.outcome === 'fail'
      ? `its add, op ${add.invokeIndex}, failed (it certainly did not happen)`
      : `its add, op ${add.invokeIndex}, began only after this read had completed`;
  return {
    kind: 'unexpected',
    key,
    ops: add ? [read.invokeIndex, add.invokeIndex] : [read.invokeIndex],
    explanation: `Op ${read.invokeIndex} (read of ${keyText(key)}${at(read)}) returned element ${show(x)}, but ${why}.`,
    detail: { element: x },
  };
}

function rywViolation(key: string, read: ClientOp, missing: ClientOp[]) {
  const first = missing[0];
  return {
    kind: 'ryw-violation',
    key,
    ops: [first.invokeIndex, read.invokeIndex],
    explanation:
      `Read-your-writes: op ${read.invokeIndex} (read of ${keyText(key)}${at(read)} by process ${read.process}) lacks element ${show(first.value)}, ` +
      `which the same process had added (op ${first.invokeIndex}, ok) before the read began${missing.length > 1 ? `, and ${missing.length - 1} more of its own` : ''}.`,
    detail: { missing: missing.slice(0, MAX_LISTED).map((a) => a.value), missingCount: missing.length },
  };
}

function mrViolation(key: string, before: ClientOp, read: ClientOp, missing: unknown[], count: number) {
  return {
    kind: 'mr-violation',
    key,
    ops: [before.invokeIndex, read.invokeIndex],
    explanation:
      `Monotonic reads: op ${read.invokeIndex} (read of ${keyText(key)}${at(read)} by process ${read.process}) lacks element ${show(missing[0])}` +
      `${count > 1 ? ` and ${count - 1} more` : ''}, which the same process had already read in op ${before.invokeIndex}${at(before)}: its view of the set went back.`,
    detail: { missing, missingCount: count },
  };
}
