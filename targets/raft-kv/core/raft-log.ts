/**
 * The in-memory Raft log: a contiguous run of entries after a compaction point `base` whose term is
 * remembered (`baseTerm`), so that AppendEntries consistency checks still work at the boundary.
 * Entries at or before `base` live only in a snapshot.
 */
import type { Entry } from './types.js';

export class RaftLog {
  private entries: Entry[];

  /** @param base index compacted through; @param baseTerm its term; @param entries base+1, base+2, … */
  constructor(
    public base = 0,
    public baseTerm = 0,
    entries: Entry[] = [],
  ) {
    this.entries = entries.slice();
    entries.forEach((e, i) => {
      if (e.index !== base + 1 + i) throw new Error(`raft log: entry ${e.index} at position ${base + 1 + i}`);
    });
  }

  /** Index of the last entry (or `base` when empty). */
  lastIndex(): number {
    return this.base + this.entries.length;
  }

  /** Term of the last entry (or `baseTerm`). */
  lastTerm(): number {
    return this.entries.length ? this.entries[this.entries.length - 1].term : this.baseTerm;
  }

  /** Term at `index`, or undefined if it is compacted away or beyond the end. */
  term(index: number): number | undefined {
    if (index === this.base) return this.baseTerm;
    if (index < this.base || index > this.lastIndex()) return undefined;
    return this.entries[index - this.base - 1].term;
  }

  entry(index: number): Entry | undefined {
    if (index <= this.base || index > this.lastIndex()) return undefined;
    return this.entries[index - this.base - 1];
  }

  /** Entries in [lo, hi], clipped to what is present; at most `max`. */
  slice(lo: number, hi: number, max = Infinity): Entry[] {
    const from = Math.max(lo, this.base + 1) - this.base - 1;
    const to = Math.min(hi, this.lastIndex()) - this.base;
    if (to <= from) return [];
    return this.entries.slice(from, Math.min(to, from + max));
  }

  /** Appends entries that directly follow the last one. */
  append(entries: Entry[]): void {
    for (const e of entries) {
      if (e.index !== this.lastIndex() + 1) throw new Error(`raft log: append ${e.index} after ${this.lastIndex()}`);
      this.entries.push(e);
    }
  }

  /** Drops every entry at or after `index` (a conflict with the leader). */
  truncateFrom(index: number): void {
    if (index <= this.base) throw new Error(`raft log: truncate at ${index} below base ${this.base}`);
    this.entries.length = Math.max(0, index - this.base - 1);
  }

  /** Forgets entries up to and including `index` (they are in a snapshot). */
  compact(index: number): void {
    if (index <= this.base) return;
    const term = this.term(index);
    if (term === undefined) throw new Error(`raft log: compact to ${index} beyond last ${this.lastIndex()}`);
    this.entries = this.entries.slice(index - this.base);
    this.base = index;
    this.baseTerm = term;
  }

  /** Replaces everything with an empty log positioned after a snapshot. */
  reset(index: number, term: number): void {
    this.entries = [];
    this.base = index;
    this.baseTerm = term;
  }

  /** True if a log ending at (lastIndex, lastTerm) is at least as up to date as this one (§5.4.1). */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    return lastTerm > this.lastTerm() || (lastTerm === this.lastTerm() && lastIndex >= this.lastIndex());
  }
}
