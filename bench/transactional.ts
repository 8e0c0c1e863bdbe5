/**
 * The transactional workloads end to end over several seeds (bench/cases/transactional.ts): how often
 * each case reaches the verdict it should — strict serializability holding for raft-kv and etcd under
 * faults, and the models that `txn-mode=split` breaks ruled out. Not part of `npm test`; prints a table.
 *
 *   npm run build && node dist/bench/transactional.js [--seeds 5] [--time-limit 20] [--only NAME]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { TRANSACTIONAL_CASES } from './cases/transactional.js';

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const seeds = Number(flag('seeds', '5'));
const timeLimit = flag('time-limit', '20');
const only = flag('only', '');
const bin = join(packageRoot(), 'bin', 'faultline.js');

/** The results.json of the only run stored below `dir`. */
function resultsIn(dir: string): { models: Record<string, { status: string; by: string[] }> } | undefined {
  for (const store of readdirSync(dir).filter((x) => !x.endsWith('.html') && x !== 'latest')) {
    for (const stamp of readdirSync(join(dir, store)).filter((x) => /^\d/.test(x))) return JSON.parse(readFileSync(join(dir, store, stamp, 'results.json'), 'utf8'));
  }
  return undefined;
}

console.log(`3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}`);
for (const c of TRANSACTIONAL_CASES.filter((x) => !only || x.name.includes(only))) {
  const verdicts: string[] = [];
  let hits = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const reports = mkdtempSync(join(tmpdir(), 'faultline-txn-bench-'));
    const r = spawnSync(process.execPath, [bin, 'run', ...c.args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--reports-dir', reports], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const results = resultsIn(reports);
    rmSync(reports, { recursive: true, force: true });
    const ok =
      c.expect === 'valid'
        ? r.status === 0 && results?.models['strict-serializable']?.status === 'holds'
        : r.status === 1 && (c.ruledOut ?? []).every((m) => results?.models[m]?.status === 'ruled-out');
    if (ok) hits++;
    const weakest = results ? Object.entries(results.models).filter(([, v]) => v.status === 'ruled-out').map(([m]) => m) : [];
    verdicts.push(r.status === 0 ? 'valid' : r.status === 1 ? `invalid(${weakest.length} models out)` : `exit ${r.status}`);
  }
  console.log(`  faultline run ${c.args.join(' ')} --time-limit ${timeLimit} --seed N`);
  console.log(`${c.name.padEnd(48)} expect ${c.expect.padEnd(9)} ${hits}/${seeds} as expected  [${verdicts.join(' ')}]`);
}
