/**
 * Exact replay, end to end with the real CLI and real short raft-kv runs under partitions, kills and
 * pauses: the same seed twice — the second time through `--replay` of the first run's directory —
 * gives every client thread the same ops (f, key, value, in order) and the nemesis the same faults
 * (f and value: mode, grudge, targets, nodes), compared over the prefix both runs reached (real
 * timing decides how far each gets); another seed makes other choices. The seed is printed first and
 * in the summary, stored in test.json and in the report's reproduce command. A replay of something
 * that is not a stored run is refused with one line (254). Every node a run recorded is checked gone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess, type CliResult } from '../support/cli.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

/**
 * Long enough, with ops timed out after 1 s, that every client thread issues several ops however
 * unavailable the faults make the cluster: an op stuck in a pause or a partition holds its thread for
 * at most the op timeout (with the default 5 s, a 3 s run under load gave as few as 14 ops in all).
 */
const TIME_LIMIT = 8;
const ARGS = [
  '--time-limit', String(TIME_LIMIT), '--op-timeout', '1',
  '--nemesis', 'partition,kill,pause', '--nemesis-interval', '0.5', '--nemesis-opt', 'settle=0', '--no-progress',
];

let cwd: string;
const dirs: string[] = [];
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-replay-'));
});
afterAll(() => {
  for (const d of dirs.filter((x) => existsSync(join(x, 'pids.json')))) killAlive(recordedNodePids(d));
  rmSync(cwd, { recursive: true, force: true });
});

/** Runs faultline in the test's directory; returns the result and the run directory it made. */
async function run(args: string[]): Promise<CliResult & { dir: string }> {
  const r = await runCliProcess(['run', ...args], { cwd, timeoutMs: 120_000 });
  const dir = resolve(cwd, 'reports', readlinkSync(join(cwd, 'reports', 'latest')));
  dirs.push(dir);
  expect(recordedNodePids(dir).filter(processAlive), 'node processes left running').toEqual([]);
  return { ...r, dir };
}

/**
 * The generator's choices in a run: each client thread's invokes and the nemesis's, in the load phase
 * (the final read-back reads the keys the load reached, which timing decides).
 */
function choices(dir: string) {
  const history = readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const concurrency = JSON.parse(readFileSync(join(dir, 'test.json'), 'utf8')).options.concurrency as number;
  const threads: string[][] = Array.from({ length: concurrency }, () => []);
  const nemesis: string[] = [];
  for (const op of history.filter((o) => o.type === 'invoke')) {
    if (op.process === 'nemesis') {
      if (op.time < TIME_LIMIT * 1e9) nemesis.push(`${op.f} ${JSON.stringify(op.value)}`);
    } else if (op.time < TIME_LIMIT * 1e9) threads[op.process % concurrency]!.push(`${op.f} ${op.key} ${JSON.stringify(op.value)}`);
  }
  return { threads, nemesis, faultsApplied: history.filter((o) => o.process === 'nemesis' && o.type === 'ok' && /^(start-partition|kill|pause)$/.test(o.f)).length };
}

/** The common prefix of two sequences. */
const common = (a: string[], b: string[]) => {
  const n = Math.min(a.length, b.length);
  return { n, a: a.slice(0, n), b: b.slice(0, n) };
};

describe('exact replay of a seeded run', () => {
  let first: CliResult & { dir: string };

  it('prints the seed first and in the summary, and stores it in test.json and the reproduce command', async () => {
    first = await run([...ARGS, '--seed', '42']);
    expect([0, 1], first.stdout + first.stderr).toContain(first.code);
    expect(first.stdout.split('\n')[0]).toMatch(/, seed 42$/);
    expect(first.stdout).toMatch(new RegExp(`^seed {9}42 \\(same choices again: faultline run --replay ${first.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`, 'm'));
    const test = JSON.parse(readFileSync(join(first.dir, 'test.json'), 'utf8'));
    expect(test.seed).toBe(42);
    expect(test.options.seed).toBe(42);
    expect(test.command).toMatch(/ --seed 42( |$)/);
    // The report carries the reproducing command (its data is embedded as JSON).
    expect(readFileSync(join(first.dir, 'report.html'), 'utf8')).toContain('--seed 42');
    expect(choices(first.dir).faultsApplied, 'no fault was applied').toBeGreaterThan(0);
  }, 150_000);

  it('--replay makes the same op and fault choices; another seed other ones', async () => {
    const again = await run(['--replay', first.dir, '--no-progress']);
    expect([0, 1], again.stdout + again.stderr).toContain(again.code);
    expect(again.dir).not.toBe(first.dir);
    expect(again.stdout.split('\n')[0]).toMatch(/, seed 42$/);
    const stored = (d: string) => JSON.parse(readFileSync(join(d, 'test.json'), 'utf8')).options;
    expect(stored(again.dir)).toEqual(stored(first.dir));

    const [a, b] = [choices(first.dir), choices(again.dir)];
    let compared = 0;
    a.threads.forEach((ta, t) => {
      const c = common(ta, b.threads[t]!);
      expect(c.b, `thread ${t}`).toEqual(c.a);
      compared += c.n;
    });
    expect(compared, 'client ops compared').toBeGreaterThanOrEqual(30);
    const n = common(a.nemesis, b.nemesis);
    expect(n.n, 'nemesis ops compared').toBeGreaterThanOrEqual(2);
    expect(n.b).toEqual(n.a);

    const other = await run([...ARGS, '--seed', '43']);
    const c = choices(other.dir);
    const prefixes = (x: { threads: string[][]; nemesis: string[] }) => [...x.threads.map((t, i) => t.slice(0, Math.min(t.length, a.threads[i]!.length, 5))), x.nemesis.slice(0, 2)];
    expect(prefixes(c)).not.toEqual(prefixes(a));
  }, 300_000);

  it('refuses, with one line, a replay of what is not a stored run or with settings of its own', async () => {
    const expectRefusal = async (args: string[], message: RegExp) => {
      const r = await runCliProcess(['run', ...args], { cwd });
      expect(r.code, r.stderr).toBe(254);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    };
    const empty = join(cwd, 'empty');
    mkdirSync(empty);
    const corrupt = join(cwd, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'test.json'), '{"options": {"target": 3}}');
    const torn = join(cwd, 'torn');
    mkdirSync(torn);
    writeFileSync(join(torn, 'test.json'), '{"options": {"tar');
    await expectRefusal(['--replay', join(cwd, 'nope')], /^faultline: --replay .*nope: no such run directory$/);
    await expectRefusal(['--replay', empty], new RegExp(`^faultline: ${empty}/test.json: missing; --replay needs the test.json a run stores$`));
    await expectRefusal(['--replay', torn], new RegExp(`^faultline: ${torn}/test.json: not valid JSON \\(`));
    await expectRefusal(['--replay', corrupt], new RegExp(`^faultline: ${corrupt}/test.json: "options" is not a faultline run's options \\(options\\.target: `));
    await expectRefusal(['--replay', first.dir, '--seed', '7', '--time-limit', '1'], /^faultline: --replay .* takes every run setting from its test.json; drop --time-limit, --seed/);
  }, 60_000);
});
