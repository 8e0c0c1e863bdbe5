/**
 * Durable storage: entries, term/vote and snapshots survive a reopen; a torn final record is dropped
 * and reported; corruption before the tail makes the node refuse to start.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry, Ready } from '../../../targets/raft-kv/core/types.js';
import { decodeLog, encodeRecord } from '../../../targets/raft-kv/server/log-file.js';
import { Storage } from '../../../targets/raft-kv/server/storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'raft-kv-storage-'));
  dirs.push(d);
  return d;
}

const entries = (from: number, to: number, term: number): Entry[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ index: from + i, term, cmd: `c${from + i}@${term}` }));

const ready = (over: Partial<Ready>): Ready => ({ entries: [], messages: [], committed: [], reads: [], failedReads: [], ...over });

async function reopen(dir: string, lines: string[] = []) {
  return Storage.open(dir, 'EMPTY', { fsync: true, log: (l) => lines.push(l) });
}

describe('raft-kv storage', () => {
  it('recovers entries, overwrites a conflicting suffix, and keeps term and vote', async () => {
    const dir = tempDir();
    const { storage } = await reopen(dir);
    await storage.save(ready({ hardState: { term: 2, vote: 'n2' }, entries: entries(1, 5, 1) }));
    await storage.save(ready({ entries: entries(4, 6, 2) }));
    await storage.close();
    const { storage: s2, recovered } = await reopen(dir);
    await s2.close();
    expect(recovered.hardState).toEqual({ term: 2, vote: 'n2' });
    expect(recovered.log.lastIndex()).toBe(6);
    expect(recovered.log.slice(1, 6).map((e) => e.term)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(recovered.snapshot).toEqual({ index: 0, term: 0, data: 'EMPTY' });
  });

  it('compacts behind a snapshot and restarts from it', async () => {
    const dir = tempDir();
    const { storage } = await reopen(dir);
    await storage.save(ready({ entries: entries(1, 10, 1) }));
    await storage.compact({ index: 8, term: 1, data: 'S8' }, 6, 1, entries(1, 10, 1));
    await storage.save(ready({ entries: entries(11, 12, 1) }));
    await storage.close();
    const { storage: s2, recovered } = await reopen(dir);
    await s2.close();
    expect(recovered.snapshot.data).toBe('S8');
    expect(recovered.log.base).toBe(6);
    expect(recovered.log.lastIndex()).toBe(12);
  });

  it('drops a torn final record and says so', async () => {
    const dir = tempDir();
    const { storage } = await reopen(dir);
    await storage.save(ready({ entries: entries(1, 3, 1) }));
    await storage.close();
    const half = encodeRecord(entries(4, 4, 1)[0]).subarray(0, 11);
    appendFileSync(join(dir, 'raft.log'), half);
    const lines: string[] = [];
    const { storage: s2, recovered } = await reopen(dir, lines);
    await s2.save(ready({ entries: entries(4, 4, 1) }));
    await s2.close();
    expect(recovered.log.lastIndex()).toBe(3);
    expect(lines.join('\n')).toMatch(/torn tail/);
    expect((await reopen(dir)).recovered.log.lastIndex()).toBe(4);
  });

  it('refuses a log whose checksum fails before the tail', () => {
    const good = Buffer.concat([encodeRecord({ base: 0, baseTerm: 0 }), ...entries(1, 3, 1).map((e) => encodeRecord(e))]);
    const lastBad = Buffer.from(good);
    lastBad[lastBad.length - 2] ^= 0xff;
    expect(decodeLog(lastBad, 'raft.log').tornTail).toMatch(/checksum/);
    const midBad = Buffer.from(good);
    midBad[20] ^= 0xff;
    expect(() => decodeLog(midBad, 'raft.log')).toThrow(/corrupt/);
  });

  it('refuses to start on an unreadable state file', async () => {
    const dir = tempDir();
    await (await reopen(dir)).storage.close();
    writeFileSync(join(dir, 'state.json'), '{nope');
    await expect(reopen(dir)).rejects.toThrow(/refusing to start/);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('{nope');
  });

  it('without fsync, holds writes in memory for lazyFlushMs, or with 0 hands them to the file before save resolves', async () => {
    const onDisk = (dir: string) => decodeLog(readFileSync(join(dir, 'raft.log')), 'raft.log').entries.length;
    const held = tempDir();
    const a = await Storage.open(held, 'EMPTY', { fsync: false, log: () => {} });
    await a.storage.save(ready({ entries: entries(1, 3, 1) }));
    expect(onDisk(held)).toBe(0); // still in process memory: a kill -9 now loses it
    await a.storage.close();
    const direct = tempDir();
    const b = await Storage.open(direct, 'EMPTY', { fsync: false, lazyFlushMs: 0, log: () => {} });
    await b.storage.save(ready({ entries: entries(1, 3, 1) }));
    expect(onDisk(direct)).toBe(3); // in the file (the page cache), never synced: only a power loss loses it
    await b.storage.close();
  });

  it('without fsync, starts without an empty state or snapshot file (a power loss before it was synced); with fsync, refuses', async () => {
    const dir = tempDir();
    await (await reopen(dir)).storage.close();
    writeFileSync(join(dir, 'state.json'), '');
    writeFileSync(join(dir, 'snapshot.json'), '');
    await expect(reopen(dir)).rejects.toThrow(/state\.json: unreadable .*refusing to start/);
    const lines: string[] = [];
    const { storage, recovered } = await Storage.open(dir, 'EMPTY', { fsync: false, log: (l) => lines.push(l) });
    await storage.close();
    expect(recovered.hardState).toEqual({ term: 0, vote: null });
    expect(recovered.snapshot).toEqual({ index: 0, term: 0, data: 'EMPTY' });
    expect(lines.filter((l) => /is empty \(its contents never reached the disk\); starting without it/.test(l))).toHaveLength(2);
  });
});
