/**
 * The powerloss-fs helper on its own, mounted for real over a temporary directory: a separate writer
 * process (test/support/file-writer.ts) writes, fsyncs and writes again through the mount; a power
 * loss must keep exactly the synced data and forget the rest — also for truncation and O_TRUNC, with
 * torn writes keeping a strict prefix of the last write, and metadata (create, rename, unlink) durable
 * at once. Every mount is unmounted and its helper killed by PID after each test, pass or fail.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isMounted, powerLossUnavailable } from '../../src/runtimes/powerloss-fs.js';
import { PowerLossMount } from '../../src/runtimes/powerloss-mount.js';
import { describeWith, powerLossFacility } from '../support/facility.js';
import { runWriter } from '../support/file-writer.js';
import { killAlive } from '../support/processes.js';

let dir: string;
let mounts: PowerLossMount[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-plfs-'));
});
afterEach(async () => {
  for (const m of mounts) await m.unmount();
  killAlive(mounts.flatMap((m) => (m.pid === undefined ? [] : [m.pid])));
  mounts = [];
  rmSync(dir, { recursive: true, force: true });
});

async function mount(): Promise<{ m: PowerLossMount; mnt: string; disk: string }> {
  const disk = join(dir, 'disk');
  const m = await PowerLossMount.mount(disk, join(dir, 'mnt'), join(dir, 'helper.log'));
  mounts.push(m);
  return { m, mnt: m.mountpoint, disk };
}

const read = (path: string) => readFileSync(path, 'utf8');

it('refuses in one line when the helper is not built', () => {
  expect(powerLossUnavailable('/nonexistent/powerloss-fs')).toMatch(/^the power-loss helper \/nonexistent\/powerloss-fs is not built \(.*npm run build:native\)$/);
});

describeWith([powerLossFacility], 'powerloss-fs', () => {
  it('write, fsync, write, power loss: the synced write survives, the unsynced one is lost', async () => {
    const { m, mnt, disk } = await mount();
    runWriter(join(mnt, 'f'), ['write:0:synced;', 'fsync', 'write:7:unsynced']);
    // Until the power loss, readers see the unsynced write; the disk holds only the synced one.
    expect(read(join(mnt, 'f'))).toBe('synced;unsynced');
    expect(statSync(join(mnt, 'f')).size).toBe(15);
    expect(read(join(disk, 'f'))).toBe('synced;');
    expect(await m.status()).toMatchObject({ dirtyFiles: 1, pendingWrites: 1, pendingBytes: 8 });
    expect(await m.drop()).toEqual({ files: 1, writes: 1, bytes: 8, tornBytes: 0 });
    expect(read(join(mnt, 'f'))).toBe('synced;');
    expect(statSync(join(mnt, 'f')).size).toBe(7);
  });

  it('fdatasync and O_DSYNC writes are durable; closing a file is not', async () => {
    const { m, mnt } = await mount();
    runWriter(join(mnt, 'a'), ['write:0:one', 'fdatasync', 'write:3:two']);
    runWriter(join(mnt, 'b'), ['dsync', 'write:0:dsync']);
    runWriter(join(mnt, 'c'), ['write:0:closed']);
    await m.drop();
    expect([read(join(mnt, 'a')), read(join(mnt, 'b')), read(join(mnt, 'c'))]).toEqual(['one', 'dsync', '']);
  });

  it('truncation waits for fsync like a write: an unsynced ftruncate or O_TRUNC is undone', async () => {
    const { m, mnt } = await mount();
    const big = 'x'.repeat(10_000);
    runWriter(join(mnt, 'f'), [`write:0:${big}`, 'fsync', 'truncate:10', 'write:20:tail']);
    expect(read(join(mnt, 'f'))).toBe('x'.repeat(10) + '\0'.repeat(10) + 'tail');
    writeFileSync(join(mnt, 'g'), 'g-synced');
    runWriter(join(mnt, 'g'), ['fsync']);
    writeFileSync(join(mnt, 'g'), 'new'); // O_TRUNC, never synced
    await m.drop();
    expect(read(join(mnt, 'f'))).toBe(big);
    expect(read(join(mnt, 'g'))).toBe('g-synced');
    // A synced shrink-then-grow reads zeros where the old data was.
    runWriter(join(mnt, 'f'), ['truncate:3', 'truncate:6000', 'write:5000:z', 'fsync']);
    await m.drop();
    expect(read(join(mnt, 'f'))).toBe('xxx' + '\0'.repeat(4997) + 'z' + '\0'.repeat(999));
  });

  it('creating, renaming and removing are durable at once; the data renamed over is only what was synced', async () => {
    const { m, mnt } = await mount();
    runWriter(join(mnt, 'old'), ['write:0:old', 'fsync']);
    runWriter(join(mnt, 'tmp'), ['write:0:new-unsynced']);
    renameSync(join(mnt, 'tmp'), join(mnt, 'old')); // the classic: rename without fsync
    runWriter(join(mnt, 'gone'), ['write:0:gone', 'fsync']);
    unlinkSync(join(mnt, 'gone'));
    runWriter(join(mnt, 'empty'), ['write:0:never-synced']);
    const lost = await m.drop();
    expect(lost).toMatchObject({ files: 2, writes: 2 });
    expect(read(join(mnt, 'old'))).toBe('');
    expect(existsSync(join(mnt, 'tmp'))).toBe(false);
    expect(existsSync(join(mnt, 'gone'))).toBe(false);
    expect(read(join(mnt, 'empty'))).toBe('');
  });

  it('torn: of the last unsynced write a strict, non-empty prefix survives; earlier unsynced writes are lost', async () => {
    const { m, mnt } = await mount();
    const last = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const kept = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const f = join(mnt, `f${seed}`);
      runWriter(f, ['write:0:' + 'A'.repeat(100), 'fsync', 'write:100:' + 'B'.repeat(100), `write:200:${last}`]);
      const lost = await m.drop(seed);
      const text = read(f);
      const k = text.length - 200;
      expect(lost.tornBytes).toBe(k);
      expect(k).toBeGreaterThan(0);
      expect(k).toBeLessThan(last.length);
      expect(text).toBe('A'.repeat(100) + '\0'.repeat(100) + last.slice(0, k));
      kept.add(k);
    }
    expect(kept.size).toBeGreaterThan(1); // the seed decides where the write tears
  });

  it('a clean unmount writes everything back; a SIGKILLed helper takes its mount with it', async () => {
    const first = await mount();
    runWriter(join(first.mnt, 'f'), ['write:0:kept-by-clean-shutdown']);
    await first.m.unmount();
    expect(isMounted(first.mnt)).toBe(false);
    expect(read(join(first.disk, 'f'))).toBe('kept-by-clean-shutdown');
    const second = await mount();
    expect(read(join(second.mnt, 'f'))).toBe('kept-by-clean-shutdown');
    process.kill(second.m.pid!, 'SIGKILL');
    for (let i = 0; i < 250 && isMounted(second.mnt); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isMounted(second.mnt)).toBe(false);
  });
});
