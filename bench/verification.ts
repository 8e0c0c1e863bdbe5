/**
 * The nemesis layer's end-to-end verification: runs raft-kv under faults over several seeds and
 * counts how often each configuration is judged invalid. The safe read mode must never be; the unsafe
 * ones should be, reliably. Not part of `npm test` (minutes of runs); prints a table.
 *
 *   npm run build && node dist/bench/verification.js [--seeds 5] [--time-limit 30] [--only NAME]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';

interface Case {
  name: string;
  expect: 'valid' | 'invalid';
  args: string[];
}

const CASES: Case[] = [
  { name: 'read-index (safe), partition+kill+pause', expect: 'valid', args: ['--nemesis', 'partition,kill,pause'] },
  {
    name: 'read-index (safe), every fault',
    expect: 'valid',
    args: ['--nemesis', 'partition,kill,pause,clock,packet', '--nemesis-interval', '3'],
  },
  { name: 'follower, partition', expect: 'invalid', args: ['--target-opt', 'read-mode=follower', '--nemesis', 'partition'] },
  { name: 'local, partition', expect: 'invalid', args: ['--target-opt', 'read-mode=local', '--nemesis', 'partition'] },
  {
    name: 'local + check-quorum=false, partition (isolate-leader)',
    expect: 'invalid',
    args: ['--target-opt', 'read-mode=local', '--target-opt', 'check-quorum=false', '--nemesis', 'partition', '--nemesis-opt', 'partition.modes=isolate-leader'],
  },
  {
    name: 'lease, partition+clock strobe',
    expect: 'invalid',
    args: ['--target-opt', 'read-mode=lease', '--nemesis', 'partition,clock', '--nemesis-opt', 'clock.modes=strobe'],
  },
  {
    name: 'lease + check-quorum=false, isolate-leader + clock strobe',
    expect: 'invalid',
    args: [
      '--target-opt', 'read-mode=lease', '--target-opt', 'check-quorum=false', '--nemesis', 'partition,clock',
      '--nemesis-opt', 'partition.modes=isolate-leader', '--nemesis-opt', 'clock.modes=strobe',
      '--nemesis-opt', 'clock.max-offset-ms=5000', '--nemesis-opt', 'clock.strobe-ms=8000',
    ],
  },
  {
    name: 'lease + check-quorum=false, isolate-leader + back strobe on the leader',
    expect: 'invalid',
    args: [
      '--target-opt', 'read-mode=lease', '--target-opt', 'check-quorum=false', '--nemesis', 'partition,clock',
      '--nemesis-opt', 'partition.modes=isolate-leader', '--nemesis-opt', 'clock.modes=strobe', '--nemesis-opt', 'clock.targets=leader',
      '--nemesis-opt', 'clock.direction=back', '--nemesis-opt', 'clock.max-offset-ms=5000', '--nemesis-opt', 'clock.strobe-ms=5000',
      '--nemesis-interval', '0.5', '--op-timeout', '1',
    ],
  },
  {
    name: 'lease + check-quorum=false, isolate-leader stepping its clock back 3 s',
    expect: 'invalid',
    args: [
      '--target-opt', 'read-mode=lease', '--target-opt', 'check-quorum=false', '--nemesis', 'partition',
      '--nemesis-opt', 'partition.modes=isolate-leader', '--nemesis-opt', 'partition.leader-clock-ms=-3000',
    ],
  },
];

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const seeds = Number(flag('seeds', '5'));
const timeLimit = flag('time-limit', '30');
const only = flag('only', '');
const reports = mkdtempSync(join(tmpdir(), 'faultline-verify-'));
const bin = join(packageRoot(), 'bin', 'faultline.js');

console.log(`raft-kv, 3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}`);
for (const c of CASES.filter((x) => !only || x.name.includes(only))) {
  const verdicts: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = spawnSync(process.execPath, [bin, 'run', ...c.args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--reports-dir', reports], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    verdicts.push(r.status === 0 ? 'valid' : r.status === 1 ? 'invalid' : `exit ${r.status}`);
  }
  const hits = verdicts.filter((v) => v === c.expect).length;
  console.log(`${c.name.padEnd(58)} expect ${c.expect.padEnd(7)} ${hits}/${seeds} as expected  [${verdicts.join(' ')}]`);
}
rmSync(reports, { recursive: true, force: true });
