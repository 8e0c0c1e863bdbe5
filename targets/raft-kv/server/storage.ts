/**
 * Durable storage for one node: the log file (see log-file.ts), `state.json` (term and vote) and
 * `snapshot.json`. `save(ready)` writes everything a Ready asks for and makes it durable with one
 * fsync per file touched, however many entries it carries (group commit: the shell hands over all
 * entries that accumulated while the previous fsync ran).
 *
 * With `fsync: false` (the `--no-fsync` fault switch) writes are not synced and are held in process
 * memory for up to `lazyFlushMs` before reaching the file, so a kill -9 loses recently acknowledged
 * state the way a power failure would lose an un-synced page cache; with `lazyFlushMs: 0` they reach
 * the file at once, unsynced, so only a real power loss (the power-loss nemesis) loses them. Such a node also starts from
 * whatever a crash left on disk: an empty `state.json` or `snapshot.json` (renamed into place, its
 * contents never synced: what a power loss leaves) counts as absent, as in a system that never syncs
 * and so cannot tell. With fsync on, an empty file cannot happen, and the node refuses to start.
 */
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { RaftLog } from '../core/raft-log.js';
import type { Entry, HardState, Ready, Snapshot } from '../core/types.js';
import { decodeLog, encodeRecord } from './log-file.js';

/** What a node starts from. */
export interface Recovered {
  hardState: HardState;
  snapshot: Snapshot;
  log: RaftLog;
}

export interface StorageOptions {
  fsync: boolean;
  /** Without fsync, how long writes wait in memory before reaching the file (default 1000; 0: at once). */
  lazyFlushMs?: number;
  log: (line: string) => void;
}

export class Storage {
  private offsets: number[] = [];
  private size = 0;
  private base = 0;
  private lazy: Ready[] = [];
  private lazyTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly dir: string,
    private fh: FileHandle,
    private readonly opts: StorageOptions,
  ) {}

  /** Opens (creating if needed) the storage in `dir` and recovers its contents. */
  static async open(dir: string, emptyData: string, opts: StorageOptions): Promise<{ storage: Storage; recovered: Recovered }> {
    mkdirSync(dir, { recursive: true });
    const empty = opts.fsync ? undefined : (path: string) => opts.log(`storage: ${path} is empty (its contents never reached the disk); starting without it`);
    const hardState = (await readJson<HardState>(join(dir, 'state.json'), empty)) ?? { term: 0, vote: null };
    const snapshot = (await readJson<Snapshot>(join(dir, 'snapshot.json'), empty)) ?? { index: 0, term: 0, data: emptyData };
    const path = join(dir, 'raft.log');
    const buf = await readFile(path).catch(() => Buffer.alloc(0));
    const d = decodeLog(buf, path);
    if (d.tornTail) opts.log(`storage: dropping torn tail of ${path}: ${d.tornTail}`);
    const fh = await open(path, buf.length ? 'r+' : 'w+');
    const s = new Storage(dir, fh, opts);
    let log = new RaftLog(d.header.base, d.header.baseTerm, d.entries);
    if (d.header.base > snapshot.index) throw new Error(`${path}: log starts after ${d.header.base} but the snapshot ends at ${snapshot.index}`);
    if (log.term(snapshot.index) !== snapshot.term) {
      opts.log(`storage: log does not reach snapshot ${snapshot.index}@${snapshot.term}; restarting the log there`);
      log = new RaftLog(snapshot.index, snapshot.term);
      await s.rewrite(log.base, log.baseTerm, []);
    } else if (!buf.length || d.tornTail) {
      await s.rewrite(log.base, log.baseTerm, d.entries);
    } else {
      s.base = d.header.base;
      s.offsets = d.offsets;
      s.size = d.validLength;
    }
    return { storage: s, recovered: { hardState, snapshot, log } };
  }

  /** Makes the state in `rd` durable (or, without fsync, queues it). */
  async save(rd: Ready): Promise<void> {
    if (!rd.hardState && !rd.snapshot && rd.entries.length === 0) return;
    if (this.opts.fsync) return this.write(rd, true);
    if (this.opts.lazyFlushMs === 0) return this.write(rd, false);
    this.lazy.push({ ...rd, messages: [], committed: [], reads: [], failedReads: [] });
    this.lazyTimer ??= setTimeout(() => void this.flushLazy(), this.opts.lazyFlushMs ?? 1000);
  }

  /** Stores a snapshot taken locally and rewrites the log to start after `base`. */
  async compact(snapshot: Snapshot, base: number, baseTerm: number, entries: Entry[]): Promise<void> {
    await this.flushLazy();
    await writeDurably(join(this.dir, 'snapshot.json'), JSON.stringify(snapshot), this.opts.fsync);
    await this.rewrite(base, baseTerm, entries.filter((e) => e.index > base));
  }

  /** Writes what `fsync: false` still holds in memory (a graceful stop loses nothing), then closes the log. */
  async close(): Promise<void> {
    await this.flushLazy();
    await this.fh.close();
  }

  private async flushLazy(): Promise<void> {
    clearTimeout(this.lazyTimer);
    this.lazyTimer = undefined;
    const queued = this.lazy;
    this.lazy = [];
    for (const rd of queued) await this.write(rd, false);
  }

  private async write(rd: Ready, sync: boolean): Promise<void> {
    if (rd.snapshot) {
      await writeDurably(join(this.dir, 'snapshot.json'), JSON.stringify(rd.snapshot), sync);
      await this.rewrite(rd.snapshot.index, rd.snapshot.term, []);
    }
    if (rd.hardState) await writeDurably(join(this.dir, 'state.json'), JSON.stringify(rd.hardState), sync);
    if (rd.entries.length === 0) return;
    const first = rd.entries[0].index;
    const at = first - this.base - 1;
    if (at < this.offsets.length) {
      this.size = this.offsets[at];
      this.offsets.length = at;
      await this.fh.truncate(this.size);
    }
    const bufs = rd.entries.map((e) => encodeRecord(e));
    for (const b of bufs) {
      this.offsets.push(this.size);
      this.size += b.length;
    }
    const all = Buffer.concat(bufs);
    await this.fh.write(all, 0, all.length, this.size - all.length);
    if (sync) await this.fh.datasync();
  }

  /** Replaces the log file atomically with a header and `entries`. */
  private async rewrite(base: number, baseTerm: number, entries: Entry[]): Promise<void> {
    const path = join(this.dir, 'raft.log');
    const bufs = [encodeRecord({ base, baseTerm }), ...entries.map((e) => encodeRecord(e))];
    await writeDurably(path, Buffer.concat(bufs), this.opts.fsync);
    await this.fh.close();
    this.fh = await open(path, 'r+');
    this.base = base;
    this.offsets = [];
    let pos = bufs[0].length;
    for (const b of bufs.slice(1)) {
      this.offsets.push(pos);
      pos += b.length;
    }
    this.size = pos;
  }
}

/** The JSON in `path`; undefined if missing, or if empty and `onEmpty` is given (it is told). */
async function readJson<T>(path: string, onEmpty?: (path: string) => void): Promise<T | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    if (text === '' && onEmpty) return void onEmpty(path);
    return JSON.parse(text) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path}: unreadable (${(e as Error).message}); refusing to start`);
  }
}

/** Writes `path` via a temporary file and rename, fsyncing the file and its directory when `sync`. */
async function writeDurably(path: string, data: string | Buffer, sync: boolean): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    if (sync) await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  if (sync) {
    const dir = await open(join(path, '..'), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

