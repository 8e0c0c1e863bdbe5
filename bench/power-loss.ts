/**
 * What the power-loss nemesis finds that kill -9 cannot: raft-kv with `fsync=false no-fsync-hold-ms=0`
 * (writes reach the file at once and are never synced, like a system that forgot fsync) under every
 * node losing power at once, against the same build under kill -9 of every node, and the safe build
 * (fsync on) under power loss. Counts the verdicts over seeds. Not part of `npm test`; prints a table.
 *
 *   npm run build && node dist/bench/power-loss.js [--seeds 5] [--time-limit 20]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
}

const NO_FSYNC = ['--target-opt', 'fsync=false', '--target-opt', 'no-fsync-hold-ms=0'];
const COMMON = ['--nemesis-interval', '3', '--nemesis-opt', 'settle=1', '--workload-opt', 'ops-per-key=1000', '--op-timeout', '2'];
const CASES = [
  { name: 'fsync=false no-fsync-hold-ms=0, power loss of all nodes', args: [...NO_FSYNC, '--nemesis', 'power-loss', '--nemesis-opt', 'power-loss.targets=all'], expect: 'invalid' },
  { name: 'fsync=false no-fsync-hold-ms=0, kill -9 of all nodes', args: [...NO_FSYNC, '--nemesis', 'kill', '--nemesis-opt', 'kill.targets=all'], expect: 'valid' },
  { name: 'fsync=false (writes held 1 s), power loss of all nodes', args: ['--target-opt', 'fsync=false', '--nemesis', 'power-loss', '--nemesis-opt', 'power-loss.targets=all'], expect: 'invalid' },
  { name: 'fsync on (safe), power loss of all nodes', args: ['--nemesis', 'power-loss', '--nemesis-opt', 'power-loss.targets=all'], expect: 'valid' },
  { name: 'fsync on (safe), torn power loss of any nodes', args: ['--nemesis', 'power-loss', '--nemesis-opt', 'power-loss.torn=true'], expect: 'valid' },
];

const seeds = Number(flag('seeds', '5'));
const timeLimit = flag('time-limit', '20');
const reports = mkdtempSync(join(tmpdir(), 'faultline-power-loss-'));
const bin = join(packageRoot(), 'bin', 'faultline.js');

console.log(`raft-kv, 3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}; ${COMMON.join(' ')}`);
for (const c of CASES) {
  const verdicts: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = spawnSync(process.execPath, [bin, 'run', '--target', 'raft-kv', ...c.args, ...COMMON, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--reports-dir', reports], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    verdicts.push(r.status === 0 ? 'valid' : r.status === 1 ? 'invalid' : `exit ${r.status}`);
  }
  const found = verdicts.filter((v) => v === 'invalid').length;
  console.log(`${c.name.padEnd(62)} invalid in ${found}/${seeds} (expect ${c.expect})  [${verdicts.join(' ')}]`);
}
rmSync(reports, { recursive: true, force: true });
