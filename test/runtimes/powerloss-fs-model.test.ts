/**
 * powerloss-fs against a model, as a property: random sequences of writes (across page boundaries),
 * truncations, fsyncs and power losses on two files through a real mount. After every step each file
 * reads, through the mount, as the model's current contents (what was written, synced or not), and
 * its backing file holds exactly the model's durable contents (what was last fsynced); a power loss
 * sets current back to durable. The mount is removed after the test, pass or fail.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, ftruncateSync, fsyncSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PowerLossMount } from '../../src/runtimes/powerloss-mount.js';
import { describeWith, powerLossFacility } from '../support/facility.js';
import { killAlive } from '../support/processes.js';

type Step =
  | { op: 'write'; file: number; at: number; len: number; byte: number }
  | { op: 'truncate'; file: number; size: number }
  | { op: 'fsync'; file: number }
  | { op: 'drop' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('write' as const), file: fc.nat(1), at: fc.nat(20_000), len: fc.integer({ min: 1, max: 9_000 }), byte: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), file: fc.nat(1), size: fc.nat(24_000) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fsync' as const), file: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'drop' as const }) },
);

/** pwrite semantics on a buffer: extends with zeros. */
function written(b: Buffer, at: number, data: Buffer): Buffer {
  const out = Buffer.alloc(Math.max(b.length, at + data.length));
  b.copy(out);
  data.copy(out, at);
  return out;
}

function truncated(b: Buffer, size: number): Buffer {
  const out = Buffer.alloc(size);
  b.copy(out, 0, 0, Math.min(size, b.length));
  return out;
}

let dir: string;
let m: PowerLossMount | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-plfs-model-'));
});
afterAll(async () => {
  await m?.unmount();
  if (m?.pid !== undefined) killAlive([m.pid]);
  rmSync(dir, { recursive: true, force: true });
});

describeWith([powerLossFacility], 'powerloss-fs against a model', () => {
  it('reads as written, keeps on disk exactly what was fsynced, and a power loss returns to it', async () => {
    m = await PowerLossMount.mount(join(dir, 'disk'), join(dir, 'mnt'), join(dir, 'helper.log'));
    const mount = m;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const names = [0, 1].map((i) => `r${run}-f${i}`);
        run++;
        const current: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
        const durable: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
        for (const name of names) closeSync(openSync(join(mount.mountpoint, name), 'w')); // created: durable, empty
        for (const s of steps) {
          if (s.op === 'drop') {
            await mount.drop();
            for (const i of [0, 1]) current[i] = durable[i]!;
          } else {
            const fd = openSync(join(mount.mountpoint, names[s.file]!), 'r+');
            try {
              if (s.op === 'write') {
                const data = Buffer.alloc(s.len, s.byte);
                writeSync(fd, data, 0, data.length, s.at);
                current[s.file] = written(current[s.file]!, s.at, data);
              } else if (s.op === 'truncate') {
                ftruncateSync(fd, s.size);
                current[s.file] = truncated(current[s.file]!, s.size);
              } else {
                fsyncSync(fd);
                durable[s.file] = current[s.file]!;
              }
            } finally {
              closeSync(fd);
            }
          }
          for (const i of [0, 1]) {
            expect(readFileSync(join(mount.mountpoint, names[i]!)).equals(current[i]!), `${names[i]} through the mount after ${JSON.stringify(s)}`).toBe(true);
            expect(readFileSync(join(dir, 'disk', names[i]!)).equals(durable[i]!), `${names[i]} on disk after ${JSON.stringify(s)}`).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(existsSync(join(dir, 'disk', 'r0-f0'))).toBe(true);
  });
});
