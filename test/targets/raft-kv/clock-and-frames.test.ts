/**
 * The skewable wall clock (offset file, re-read at run time; missing file = no offset) and the peer
 * frame decoder (whole messages out of arbitrary chunking).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SkewableClock } from '../../../targets/raft-kv/server/clock.js';
import { encodeFrame, FrameDecoder } from '../../../targets/raft-kv/server/frames.js';

describe('raft-kv skewable clock', () => {
  it('applies the offset in the file and follows changes to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raft-kv-clock-'));
    const file = join(dir, 'offset');
    const clock = new SkewableClock(file, 10);
    try {
      await clock.start();
      expect(clock.currentOffset()).toBe(0);
      writeFileSync(file, '-60000\n');
      for (let i = 0; i < 100 && clock.currentOffset() === 0; i++) await sleep(10);
      expect(clock.currentOffset()).toBe(-60000);
      expect(clock.now()).toBeLessThan(Date.now() - 50_000);
      rmSync(file);
      for (let i = 0; i < 100 && clock.currentOffset() !== 0; i++) await sleep(10);
      expect(clock.currentOffset()).toBe(0);
    } finally {
      clock.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('raft-kv peer frames', () => {
  it('decodes messages split and joined at any byte', () => {
    const msgs = [{ a: 1 }, { b: 'x'.repeat(300) }, { c: [1, 2, 3] }];
    const bytes = Buffer.concat(msgs.map(encodeFrame));
    for (const step of [1, 3, 7, 1000]) {
      const d = new FrameDecoder();
      const out: unknown[] = [];
      for (let i = 0; i < bytes.length; i += step) out.push(...d.push(bytes.subarray(i, i + step)));
      expect(out).toEqual(msgs);
    }
  });
});
