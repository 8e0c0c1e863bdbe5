/**
 * What powerloss-fs costs a program: the same write pattern straight into a directory and through a
 * powerloss-fs mount of it — appends of 4 KiB, an fdatasync after every 16 (a write-ahead log), then
 * the file read back. Prints MB/s and fsyncs/s for each. Not part of `npm test`.
 *
 *   npm run build && node dist/bench/powerloss-fs.js [--mib 32]
 */
import { closeSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PowerLossMount } from '../src/runtimes/powerloss-mount.js';

const i = process.argv.indexOf('--mib');
const mib = i >= 0 ? Number(process.argv[i + 1]) : 32;
const block = Buffer.alloc(4096, 7);

function pattern(dir: string): { writeMBs: number; syncsPerS: number; readMBs: number } {
  const file = join(dir, 'log');
  const fd = openSync(file, 'w');
  const blocks = (mib * 1024 * 1024) / block.length;
  const t0 = process.hrtime.bigint();
  for (let b = 0; b < blocks; b++) {
    writeSync(fd, block);
    if (b % 16 === 15) fdatasyncSync(fd);
  }
  closeSync(fd);
  const t1 = process.hrtime.bigint();
  readFileSync(file);
  const t2 = process.hrtime.bigint();
  const s = (ns: bigint) => Number(ns) / 1e9;
  return { writeMBs: mib / s(t1 - t0), syncsPerS: blocks / 16 / s(t1 - t0), readMBs: mib / s(t2 - t1) };
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-plfs-bench-'));
const fmt = (r: ReturnType<typeof pattern>) => `write ${r.writeMBs.toFixed(1)} MB/s (${Math.round(r.syncsPerS)} fdatasync/s), read ${r.readMBs.toFixed(0)} MB/s`;
try {
  mkdirSync(join(dir, 'plain'));
  console.log(`${mib} MiB in 4 KiB appends, fdatasync every 16, in ${tmpdir()}`);
  console.log(`  plain directory      ${fmt(pattern(join(dir, 'plain')))}`);
  const m = await PowerLossMount.mount(join(dir, 'disk'), join(dir, 'mnt'), join(dir, 'helper.log'));
  try {
    console.log(`  through powerloss-fs ${fmt(pattern(m.mountpoint))}`);
  } finally {
    await m.unmount();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
