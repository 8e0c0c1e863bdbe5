/**
 * A tiny real program that writes a file through the filesystem, for power-loss tests: a separate
 * Node process that opens `file` (creating it), runs `steps` in order and exits, so the test sees
 * exactly what a process that wrote and then died leaves in the page cache. Steps:
 *   `write:<offset>:<text>`  pwrite text at offset      `fsync` / `fdatasync`
 *   `truncate:<size>`        ftruncate                  `dsync` reopen with O_DSYNC for later writes
 */
import { execFileSync } from 'node:child_process';

const source = `
const fs = require('node:fs');
const [file, ...steps] = process.argv.slice(1);
let fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
for (const step of steps) {
  const [op, a, ...rest] = step.split(':');
  if (op === 'write') fs.writeSync(fd, Buffer.from(rest.join(':')), 0, Buffer.byteLength(rest.join(':')), Number(a));
  else if (op === 'fsync') fs.fsyncSync(fd);
  else if (op === 'fdatasync') fs.fdatasyncSync(fd);
  else if (op === 'truncate') fs.ftruncateSync(fd, Number(a));
  else if (op === 'dsync') { fs.closeSync(fd); fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_DSYNC); }
  else throw new Error('unknown step ' + step);
}
`;

/** Runs the writer on `file`; throws if it fails. */
export function runWriter(file: string, steps: readonly string[]): void {
  execFileSync(process.execPath, ['-e', source, file, ...steps], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}
