/**
 * Durability for the leaderless mode, on the Raft mode's storage module (server/storage.ts): every
 * change a replica makes is a journal record, written as one log entry (term 0, the record's JSON as
 * its command), with group commit — one fsync for everything appended while the previous one ran. A
 * client op is acknowledged only once its record is durable, so kill -9 loses nothing acknowledged.
 * Every `snapshotEvery` records the whole replica is written as the snapshot and the log restarts
 * after it. Recovery restores the snapshot and replays the records after it, in order.
 */
import { Storage } from '../server/storage.js';
import type { JournalRecord } from './replica.js';

export interface JournalOptions {
  fsync: boolean;
  /** Without fsync, how long records wait in memory before reaching the file (0: at once). */
  lazyFlushMs: number;
  snapshotEvery: number;
  log: (line: string) => void;
  /** A storage failure at run time (the node cannot go on). */
  onFailure: (e: Error) => void;
}

export class Journal {
  private queue: { index: number; record: JournalRecord }[] = [];
  private waiters: { index: number; resolve: () => void }[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly storage: Storage,
    private readonly opts: JournalOptions,
    private readonly snapshot: () => string,
    /** Index of the last record appended. */
    private last: number,
    /** Index of the last record known durable. */
    private durable: number,
    private snapIndex: number,
  ) {}

  /**
   * Opens the journal in `dir`: hands the snapshot to `restore` and every later record to `replay`,
   * in order. `snapshot` gives the current replica as text when it is time to compact.
   */
  static async open(dir: string, empty: string, opts: JournalOptions, restore: (data: string) => void, replay: (r: JournalRecord) => void, snapshot: () => string): Promise<Journal> {
    const { storage, recovered } = await Storage.open(dir, empty, { fsync: opts.fsync, lazyFlushMs: opts.lazyFlushMs, log: opts.log });
    restore(recovered.snapshot.data);
    const from = recovered.snapshot.index;
    const last = recovered.log.lastIndex();
    for (const e of recovered.log.slice(from + 1, last)) replay(JSON.parse(e.cmd) as JournalRecord);
    opts.log(`journal: recovered snapshot ${from} and ${last - from} records after it`);
    return new Journal(storage, opts, snapshot, last, last, from);
  }

  /** Appends a record (already applied to the replica); returns its index. */
  append(record: JournalRecord): number {
    const index = ++this.last;
    this.queue.push({ index, record });
    this.running ??= this.run().finally(() => (this.running = undefined));
    return index;
  }

  /** Resolves once record `index` is durable. */
  durableAt(index: number): Promise<void> {
    if (index <= this.durable) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ index, resolve }));
  }

  /** Index of the last record appended. */
  get lastIndex(): number {
    return this.last;
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.splice(0);
        const entries = batch.map((b) => ({ index: b.index, term: 0, cmd: JSON.stringify(b.record) }));
        await this.storage.save({ entries, messages: [], committed: [], reads: [], failedReads: [] });
        this.markDurable(batch[batch.length - 1].index);
        if (this.queue.length === 0 && this.last - this.snapIndex >= this.opts.snapshotEvery) {
          const index = this.last;
          await this.storage.compact({ index, term: 0, data: this.snapshot() }, index, 0, []);
          this.snapIndex = index;
        }
      }
    } catch (e) {
      this.opts.onFailure(e as Error);
    }
  }

  private markDurable(index: number): void {
    this.durable = index;
    const ready = this.waiters.filter((w) => w.index <= index);
    this.waiters = this.waiters.filter((w) => w.index > index);
    for (const w of ready) w.resolve();
  }

  /** Writes what is queued, then closes the storage. */
  async close(): Promise<void> {
    await this.running;
    this.closed = true;
    await this.running;
    await this.storage.close();
  }
}
