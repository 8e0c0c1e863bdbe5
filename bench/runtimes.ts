/**
 * The runtimes compared through the CLI, each figure from real `faultline run`s (root is needed for
 * netns):
 *   1. time from starting `faultline run` to the first op in its history, for 3 and 7 raft-kv nodes
 *      and 3 and 7 etcd nodes (their most), on the local, netns and docker runtimes (no faults; docker
 *      with its images already built, as on every run after the first), and for 3 of each on the ssh
 *      runtime, against sshd in three network-namespace hosts of this machine (test/support/ssh-hosts.ts);
 *   2. raft-kv throughput with the partition nemesis wired, its mean interval three times the run (so
 *      mostly no fault is drawn): under local every peer message goes through a link proxy, under netns,
 *      docker and ssh peers talk directly and faults are kernel rules;
 *   3. etcd with `serializable-reads=true` under partitions (isolate-one) on netns and docker: in how
 *      many of `seeds` runs stale reads are found (nonlinearizable).
 * The load average is printed first and last: the machine is shared, and every figure moves with it.
 *
 *   npm run build && node dist/bench/runtimes.js [seconds=10] [seeds=5] [runtimes=local,netns,docker,ssh]
 *
 * Each run's harness tears its cluster down itself; the bench prints one line per figure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../src/core/paths.js';
import { startSshHosts, type SshHosts } from '../test/support/ssh-hosts.js';

const seconds = Number(process.argv[2] ?? 10);
const seeds = Number(process.argv[3] ?? 5);
const chosen = (process.argv[4] ?? 'local,netns,docker,ssh').split(',');
const BIN = join(packageRoot(), 'bin', 'faultline.js');
const reports = mkdtempSync(join(tmpdir(), 'faultline-bench-runtimes-'));

/** True once a run below `dir` (`<dir>/<store>/<run>/history.jsonl`) has a line in its history. */
function firstOpSeen(dir: string): boolean {
  try {
    for (const store of readdirSync(dir, { withFileTypes: true }).filter((x) => x.isDirectory())) {
      for (const run of readdirSync(join(dir, store.name)).filter((x) => /^\d/.test(x))) {
        const h = join(dir, store.name, run, 'history.jsonl');
        if (existsSync(h) && readFileSync(h, 'utf8').includes('\n')) return true;
      }
    }
  } catch {
    // not there yet
  }
  return false;
}

let n = 0;
/** One run; resolves with its stdout and the seconds from spawn to its first op. */
async function run(args: string[]): Promise<{ stdout: string; firstOpS: number }> {
  const dir = join(reports, String(n++));
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'run', ...args, '--no-progress', '--reports-dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  let firstOpS = NaN;
  let done = false;
  void exited.then(() => (done = true));
  while (!done && Number.isNaN(firstOpS)) {
    if (firstOpSeen(dir)) firstOpS = (performance.now() - t0) / 1000;
    else await sleep(20);
  }
  await exited;
  return { stdout, firstOpS };
}

const RUNTIMES = ['local', 'netns', 'docker', 'ssh'];
const throughput = (out: string) => /throughput\s+([\d.]+) ops\/s/.exec(out)?.[1] ?? '?';

let ssh: SshHosts | undefined;
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  if (chosen.includes('ssh')) ssh = await startSshHosts(3);
  /** The runtime's own arguments (the ssh hosts' options). */
  const runtimeArgs = (runtime: string) => ['--runtime', runtime, ...(runtime === 'ssh' ? ssh!.cliArgs : [])];
  // Docker builds each target's image on its first run only (then reuses it by content hash): build
  // them first, so the figures below are those of every later run.
  if (chosen.includes('docker')) {
    for (const target of ['raft-kv', 'etcd']) await run(['--target', target, '--runtime', 'docker', '--nodes', '1', '--nemesis', 'none', '--time-limit', '1']);
  }
  // Both targets run with at most 7 nodes; the ssh runtime has three hosts here.
  for (const [target, nodes] of [['raft-kv', 3], ['raft-kv', 7], ['etcd', 3], ['etcd', 7]] as const) {
    for (const runtime of RUNTIMES.filter((x) => chosen.includes(x) && (x !== 'ssh' || nodes === 3))) {
      const r = await run(['--target', target, ...runtimeArgs(runtime), '--nodes', String(nodes), '--nemesis', 'none', '--time-limit', '2']);
      console.log(`first op: ${target}, ${runtime}, ${nodes} nodes: ${r.firstOpS.toFixed(2)} s`);
    }
  }
  for (const runtime of RUNTIMES.filter((x) => chosen.includes(x))) {
    const r = await run(['--target', 'raft-kv', ...runtimeArgs(runtime), '--nemesis', 'partition', '--nemesis-interval', String(seconds * 3), '--time-limit', String(seconds)]);
    console.log(`raft-kv throughput, ${runtime}: ${throughput(r.stdout)} ops/s`);
  }
  for (const runtime of ['netns', 'docker'].filter((x) => chosen.includes(x))) {
    let stale = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = await run([
        '--target', 'etcd', '--runtime', runtime, '--target-opt', 'serializable-reads=true', '--nemesis', 'partition',
        '--nemesis-opt', 'partition.modes=isolate-one', '--concurrency', '9', '--time-limit', String(seconds), '--seed', String(seed),
      ]);
      const found = /nonlinearizable/.test(r.stdout);
      if (found) stale++;
      console.log(`etcd serializable reads, ${runtime}, seed ${seed}: ${found ? 'stale reads found' : 'none found'}`);
    }
    console.log(`etcd serializable reads under partitions (${runtime}): stale reads found in ${stale} of ${seeds} runs of ${seconds} s`);
  }
  console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await ssh?.down();
  rmSync(reports, { recursive: true, force: true });
}
