/**
 * The nemesis layer's end-to-end verification: runs raft-kv under faults over several seeds and
 * counts how often each configuration is judged invalid. The safe read mode must never be; the unsafe
 * ones should be, reliably. Not part of `npm test` (minutes of runs); prints a table.
 *
 *   npm run build && node dist/bench/verification.js [--seeds 5] [--time-limit 60] [--only NAME]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { VERIFICATION_CASES } from '../targets/raft-kv/verification-cases.js';

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const seeds = Number(flag('seeds', '5'));
const timeLimit = flag('time-limit', '60');
const only = flag('only', '');
const reports = mkdtempSync(join(tmpdir(), 'faultline-verify-'));
const bin = join(packageRoot(), 'bin', 'faultline.js');

console.log(`raft-kv, 3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}`);
for (const c of VERIFICATION_CASES.filter((x) => !only || x.name.includes(only))) {
  const verdicts: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = spawnSync(process.execPath, [bin, 'run', '--target', 'raft-kv', ...c.args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--reports-dir', reports], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    verdicts.push(r.status === 0 ? 'valid' : r.status === 1 ? 'invalid' : `exit ${r.status}`);
  }
  const hits = verdicts.filter((v) => v === c.expect).length;
  console.log(`  faultline run --target raft-kv ${c.args.join(' ')} --time-limit ${timeLimit} --seed N`);
  console.log(`${c.name.padEnd(70)} expect ${c.expect.padEnd(7)} ${hits}/${seeds} as expected  [${verdicts.join(' ')}]`);
}
rmSync(reports, { recursive: true, force: true });
