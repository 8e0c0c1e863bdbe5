/**
 * Changes to one cell of the leaderless state (cells.ts), as they travel and as they are journaled:
 *
 * - `cell`: a whole version of one cell (a register write, a counter's new totals, or any cell an
 *   anti-entropy exchange replaced);
 * - `add`: one element added to a set cell, producing the version stamped `ts` from the version
 *   stamped `base` (null: from no version), so a set add costs one element on the wire and on disk,
 *   not the whole cell.
 *
 * `receivePatch` is how a replica takes a patch from a peer: a version replaces the one it holds only
 * if it is newer; an `add` applies only on top of exactly its base version (a replica that missed an
 * earlier add of that cell ignores it, and anti-entropy later brings the whole cell). `assignPatch` is
 * how the journal replays one: unconditionally, reproducing the state as it was.
 */
import { insertElement } from '../kv/set-elements.js';
import { newerCell, type Cell, type KeyState } from './cells.js';
import { compareTs, type Timestamp } from './hlc.js';

/** Which cells of a key: the register, a set's per-node cells, a counter's per-node cells. */
export type Part = 'reg' | 'set' | 'ctr';

/** One change (see the module comment). `slot` is the origin node of a set or counter cell, '' for the register. */
export type Patch =
  | { kind: 'cell'; key: string; part: Part; slot: string; cell: Cell }
  | { kind: 'add'; key: string; slot: string; ts: Timestamp; base: Timestamp | null; element: unknown };

/** The cell of `k` at `part`/`slot`, if any. */
export function cellAt(k: KeyState | undefined, part: Part, slot: string): Cell | undefined {
  if (!k) return undefined;
  return part === 'reg' ? k.reg : (k[part] as Record<string, Cell> | undefined)?.[slot];
}

function put(keys: Map<string, KeyState>, key: string, part: Part, slot: string, cell: Cell): void {
  const k = keys.get(key) ?? {};
  if (part === 'reg') k.reg = cell;
  else k[part] = { ...(k[part] as Record<string, Cell<never>> | undefined), [slot]: cell as Cell<never> };
  keys.set(key, k);
}

/** The new version an `add` makes of `base` (a fresh array; the old version is left as it was). */
function added(base: Cell | undefined, ts: Timestamp, element: unknown): Cell<unknown[]> {
  const elements = [...((base?.value as unknown[] | undefined) ?? [])];
  insertElement(elements, element);
  return { ts, value: elements };
}

/** Applies `p` unconditionally (journal replay, and a replica's own changes). */
export function assignPatch(keys: Map<string, KeyState>, p: Patch): void {
  if (p.kind === 'cell') put(keys, p.key, p.part, p.slot, p.cell);
  else put(keys, p.key, 'set', p.slot, added(cellAt(keys.get(p.key), 'set', p.slot), p.ts, p.element));
}

/** Applies a peer's `p` if it is newer than what `keys` holds (see the module comment); true if it changed anything. */
export function receivePatch(keys: Map<string, KeyState>, p: Patch): boolean {
  if (p.kind === 'cell') {
    const mine = cellAt(keys.get(p.key), p.part, p.slot);
    if (newerCell(mine, p.cell) === mine) return false;
    put(keys, p.key, p.part, p.slot, p.cell);
    return true;
  }
  const mine = cellAt(keys.get(p.key), 'set', p.slot);
  if (mine && compareTs(p.ts, mine.ts) <= 0) return false;
  const onBase = mine ? p.base !== null && compareTs(p.base, mine.ts) === 0 : p.base === null;
  if (!onBase) return false;
  put(keys, p.key, 'set', p.slot, added(mine, p.ts, p.element));
  return true;
}

/** The largest timestamp a patch carries. */
export function patchTs(p: Patch): Timestamp {
  return p.kind === 'cell' ? p.cell.ts : p.ts;
}
