/**
 * End to end under `--runtime ssh`, against sshd in three network-namespace hosts on this machine
 * (test/support/ssh-hosts.ts): raft-kv and etcd with partitions, kills and pauses stay linearizable,
 * raft-kv's program uploaded once and reused (by content hash), and every run leaves no node process, iptables chain or remote run
 * directory behind. A harness SIGKILLed mid-partition leaves its nodes and rules on the hosts, and
 * `faultline cleanup` removes all of it (the program cache stays). Redis with a Sentinel sidecar beside
 * each node (on the node's host, detached and recorded like it) is valid without faults, fails over
 * under pauses of the primary (whose Sentinel is not paused), keeps a node's Sentinel through the
 * node's kill and restart, and leaves its Sentinels to `faultline cleanup` after a SIGKILLed harness.
 * The hosts go in afterAll, pass or fail.
 */
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { readPidRecord, type PidRecord } from '../../src/runtimes/pid-record.js';
import { sshRuntime } from '../../src/runtimes/ssh.js';
import { sshOptionsSchema } from '../../src/runtimes/ssh-options.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { silentLogger } from '../../src/core/logger.js';
import { canKill, type NodeExit } from '../../src/runtimes/runtime.js';
import { describeWith, etcdFacility, redisFacility, sshFacility } from '../support/facility.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { killAlive, processAlive } from '../support/processes.js';
import { startSshHosts, type SshHosts } from '../support/ssh-hosts.js';
import { onlyRunDir, runOutcome, type RunOutcome } from '../support/run-outcome.js';
import { killHarnessMidPartition } from '../support/kill-mid-partition.js';
import { firstPaused, sentinelLogs } from '../support/sentinel-logs.js';
import { redisTarget } from '../../targets/redis/index.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-ssh-e2e-'));
let hosts: SshHosts | undefined;
let harness: ChildProcess | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What is left of an ssh run on the (local) hosts: live node processes, iptables chains, the remote run dir. */
function leftOnHosts(rec: PidRecord): string[] {
  const left = rec.ssh!.procs.filter((p) => processAlive(p.node.pid) || processAlive(p.wrapper.pid)).map((p) => `process ${p.name} ${p.node.pid}`);
  for (const ns of hosts!.namespaces) {
    const rules = execFileSync('ip', ['netns', 'exec', ns, 'iptables', '-w', '-S'], { encoding: 'utf8' });
    if (/FLCUT|FLLOSS|FLSEEN/.test(rules)) left.push(`iptables chains in ${ns}`);
  }
  if (existsSync(rec.ssh!.runDir)) left.push(`run dir ${rec.ssh!.runDir}`);
  return left;
}


describeWith([sshFacility], 'the ssh runtime end to end', () => {
  beforeAll(async () => {
    hosts = await startSshHosts(3);
  }, 60_000);
  afterEach(() => {
    if (harness?.pid !== undefined) killAlive([harness.pid]);
    harness = undefined;
  });
  afterAll(async () => {
    for (const d of findRunDirs(reports)) if (readPidRecord(d)?.ssh) await sshRuntime.cleanup(d);
    await hosts?.down();
    rmSync(reports, { recursive: true, force: true });
  }, 60_000);

  /** One `faultline run --runtime ssh` of raft-kv; checks nothing is left on the hosts, resolves with what it found. */
  async function sshRun(name: string, args: string[], target = 'raft-kv'): Promise<RunOutcome & { log: string; runDir: string }> {
    const dir = join(reports, name);
    const r = await runCliProcess(['run', '--runtime', 'ssh', ...hosts!.cliArgs, '--target', target, ...args, '--no-progress', '--reports-dir', dir], { timeoutMs: 110_000 });
    expect(r.stderr).not.toMatch(/Error|at .*\.js:\d+/);
    const runDir = onlyRunDir(dir);
    const rec = readPidRecord(runDir)!;
    expect(rec.runtime).toBe('ssh');
    expect(rec.ssh!.procs.length).toBeGreaterThanOrEqual(3);
    expect(leftOnHosts(rec)).toEqual([]);
    return { ...runOutcome(runDir), log: readFileSync(join(runDir, 'harness.log'), 'utf8'), runDir };
  }

  it('raft-kv with partition, kill, pause: linearizable reads stay valid; nothing is left on the hosts', async () => {
    const r = await sshRun('faults', ['--nemesis', 'partition,kill,pause', '--nemesis-interval', '1', '--time-limit', '10', '--seed', '1']);
    expect(r.faults).toEqual(expect.arrayContaining(['start-partition']));
    expect(r.kinds).toEqual([]);
    expect(r.valid).toBe(true);
    // The node logs came back from the hosts.
    expect(readFileSync(join(r.runDir, 'nodes', 'n1.log'), 'utf8')).not.toBe('');
  }, 110_000);

  describeWith([etcdFacility], 'etcd (installed on the hosts)', () => {
    it('etcd with partition, kill, pause: linearizable reads stay valid', async () => {
      const r = await sshRun('etcd', ['--nemesis', 'partition,kill,pause', '--nemesis-interval', '1', '--time-limit', '10', '--seed', '1'], 'etcd');
      expect(r.faults).toEqual(expect.arrayContaining(['start-partition']));
      expect(r.kinds).toEqual([]);
      expect(r.valid).toBe(true);
    }, 110_000);
  });

  describeWith([redisFacility], 'redis with Sentinel sidecars (installed on the hosts)', () => {
    it('no faults: valid; each Sentinel ran on its node\'s host, recorded, and nothing is left', async () => {
      const r = await sshRun('redis', ['--workload', 'register', '--nemesis', 'none', '--time-limit', '3', '--seed', '1'], 'redis');
      expect(r.valid).toBe(true);
      const procs = readPidRecord(r.runDir)!.ssh!.procs;
      expect(procs.map((p) => p.name).sort()).toEqual(['n1', 'n1-sentinel', 'n2', 'n2-sentinel', 'n3', 'n3-sentinel']);
      expect(procs.filter((p) => p.name.endsWith('-sentinel')).map((p) => `${p.name}@${p.host}`).sort()).toEqual(['n1-sentinel@0', 'n2-sentinel@1', 'n3-sentinel@2']);
      expect(sentinelLogs(r.runDir).match(/Running mode=sentinel/g)).toHaveLength(3);
    }, 110_000);

    it('pauses of the primary: the Sentinels fail over, the paused node\'s own one too', async () => {
      const r = await sshRun('redis-pause', [
        '--workload', 'register', '--nemesis', 'pause', '--nemesis-opt', 'pause.targets=leader', '--nemesis-interval', '6',
        '--target-opt', 'down-after-ms=2000', '--op-timeout', '1', '--time-limit', '16', '--seed', '2',
      ], 'redis');
      expect(r.faults).toContain('pause');
      expect(sentinelLogs(r.runDir)).toMatch(/\+switch-master faultline \S+ 7000 \S+ 7000/);
      const [paused] = firstPaused(r.runDir);
      expect(readFileSync(join(r.runDir, 'nodes', `${paused}-sentinel.log`), 'utf8')).toMatch(/\+switch-master/);
    }, 110_000);

    it('a node\'s kill and restart leave its Sentinel running, not started again; teardown stops it', async () => {
      const options = sshRuntime.optionsSchema!.parse(hosts!.options);
      const runDir = mkdtempSync(join(reports, 'redis-kill-'));
      const exits: NodeExit[] = [];
      const c = await sshRuntime.setup(redisTarget, redisTarget.optionsSchema.parse({}), 3, { runDir, logger: silentLogger, options, faults: ['kill'], onNodeExit: (e) => exits.push(e) });
      try {
        if (!canKill(c)) throw new Error('the ssh runtime kills nodes');
        const sentinel = () => readPidRecord(runDir)!.ssh!.procs.filter((p) => p.name === 'n2-sentinel');
        const [before] = sentinel();
        await c.kill('n2');
        expect(processAlive(before!.node.pid)).toBe(true);
        await c.restart('n2');
        expect(sentinel()).toEqual([before]);
        expect(readPidRecord(runDir)!.ssh!.procs.filter((p) => p.name === 'n2')).toHaveLength(2);
        expect(exits).toEqual([]);
      } finally {
        await c.teardown();
      }
      expect(leftOnHosts(readPidRecord(runDir)!)).toEqual([]);
    }, 90_000);

    it('faultline cleanup after a harness SIGKILLed mid-partition kills the Sentinels with the servers', async () => {
      const dir = join(reports, 'redis-cleanup');
      harness = startCliProcess([
        'run', '--runtime', 'ssh', ...hosts!.cliArgs, '--target', 'redis', '--nemesis', 'partition', '--nemesis-interval', '0.3',
        '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', dir,
      ]);
      const run = await killHarnessMidPartition(harness, dir, 60_000);
      const rec = readPidRecord(run)!;
      const left = leftOnHosts(rec);
      expect(left.filter((x) => x.startsWith('process'))).toHaveLength(6); // servers and Sentinels, orphans
      expect(left.filter((x) => x.startsWith('process') && x.includes('-sentinel '))).toHaveLength(3);

      const r = await runCliProcess(['cleanup', dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/1 run directories checked, ([6-9]|\d\d) processes killed/);
      expect(leftOnHosts(rec)).toEqual([]);
    }, 120_000);
  });

  it('raft-kv is uploaded once into a directory named by its content hash, and reused by the next run', async () => {
    const options = { ...sshOptionsSchema.parse(hosts!.options), 'work-dir': mkdtempSync(join(reports, 'work-')) };
    const said: string[] = [];
    const logger = { info: (m: string) => said.push(m), warn: (m: string) => said.push(m) };
    for (let i = 0; i < 2; i++) {
      const c = await sshRuntime.setup(raftKvTarget, raftKvOptionsSchema.parse({}), 3, { runDir: mkdtempSync(join(reports, 'cache-')), logger, options, faults: ['kill'] });
      await c.teardown();
    }
    const programs = said.filter((m) => m.startsWith('program '));
    expect(programs).toHaveLength(2);
    expect(programs[0]).toMatch(/^program \S+\/programs\/[0-9a-f]{16}: uploaded \(\d+ files\)$/);
    expect(programs[1]).toBe(`${programs[0]!.split(':')[0]}: already on every host`);
    expect(readdirSync(join(options['work-dir'], 'programs'))).toHaveLength(1); // no half-unpacked leftovers
  }, 110_000);

  it('check refuses a program missing on a host, naming the host and the Debian package', async () => {
    const options = sshRuntime.optionsSchema!.parse(hosts!.options);
    const missing = { ...fixtureTarget, program: () => ({ kind: 'binary' as const, name: 'faultline-no-such-binary', debianPackage: 'faultline-pkg' }) };
    const why = await sshRuntime.check(missing, { crash: false }, options);
    expect(why).toMatch(/^fixture is not installed on root@[\d.]+: faultline-no-such-binary is not on its PATH; install it there with `sudo apt-get install faultline-pkg`$/);
    expect(await sshRuntime.check(fixtureTarget, { crash: false }, options)).toBeUndefined();
  }, 60_000);

  it('a node that fails to start is refused with its log; files are put in place; one killed by someone else is reported with its log tail; a restart keeps its data', async () => {
    const options = sshRuntime.optionsSchema!.parse(hosts!.options);
    const runDir = mkdtempSync(join(reports, 'fixture-'));
    await expect(sshRuntime.setup(fixtureTarget, { crash: true }, 3, { runDir, logger: silentLogger, options, faults: ['kill'] })).rejects.toThrow(/exited \(3\) during startup[\s\S]*fixture: refusing to start/);
    expect(leftOnHosts(readPidRecord(runDir)!)).toEqual([]);

    const exits: NodeExit[] = [];
    const running = mkdtempSync(join(reports, 'fixture-'));
    const conf = `it's $(not run) ;\n`;
    const withFiles: typeof fixtureTarget = { ...fixtureTarget, nodeSpec: (n, c, o) => ({ ...fixtureTarget.nodeSpec(n, c, o), files: [{ path: 'conf/x $y.txt', content: conf, mode: 0o600 }] }) };
    const c = await sshRuntime.setup(withFiles, { crash: false }, 3, { runDir: running, logger: silentLogger, options, faults: ['kill'], onNodeExit: (e) => exits.push(e) });
    try {
      if (!canKill(c)) throw new Error('the ssh runtime kills nodes');
      const n2 = c.nodes.find((n) => n.name === 'n2')!;
      const url = `http://${n2.host}:${n2.clientPort}/data`;
      expect(await (await fetch(url, { method: 'PUT', body: `it's $(kept)` })).text()).toBe('stored');
      await c.kill('n2');
      await c.restart('n2');
      for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok, () => false)); i++) await sleep(100);
      expect(await (await fetch(url)).text()).toBe(`it's $(kept)`);
      expect(exits).toEqual([]); // a kill the harness asked for is no finding
      // The node's file was put in place on its host (the hosts share this machine's file system).
      const file = join(readPidRecord(running)!.ssh!.runDir, 'n2', 'conf', 'x $y.txt');
      expect(readFileSync(file, 'utf8')).toBe(conf);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // Someone else kills n3 (the hosts are namespaces of this machine: the PID is this kernel's).
      const n3 = readPidRecord(running)!.ssh!.procs.filter((p) => p.name === 'n3').at(-1)!;
      process.kill(n3.node.pid, 'SIGKILL');
      for (let i = 0; i < 200 && exits.length === 0; i++) await sleep(50);
      expect(exits).toMatchObject([{ node: 'n3', signal: 'SIGKILL' }]);
      expect(exits[0]!.logTail).toContain('fixture listening');
    } finally {
      await c.teardown();
    }
    expect(leftOnHosts(readPidRecord(running)!)).toEqual([]);
  }, 90_000);

  it('faultline cleanup after a harness SIGKILLed mid-partition leaves 0 remote processes, iptables chains and run dirs', async () => {
    const dir = join(reports, 'cleanup');
    harness = startCliProcess([
      'run', '--runtime', 'ssh', ...hosts!.cliArgs, '--target', 'raft-kv', '--nemesis', 'partition', '--nemesis-interval', '0.3',
      '--time-limit', '60', '--seed', '3', '--no-progress', '--reports-dir', dir,
    ]);
    const run = await killHarnessMidPartition(harness, dir, 60_000);

    const rec = readPidRecord(run)!;
    expect(rec.runtime).toBe('ssh');
    const left = leftOnHosts(rec);
    expect(left.filter((x) => x.startsWith('process'))).toHaveLength(3); // orphans, as a SIGKILL leaves them
    expect(left.filter((x) => x.startsWith('iptables'))).toHaveLength(3);
    expect(left.filter((x) => x.startsWith('run dir'))).toHaveLength(1);
    const rules = execFileSync('ip', ['netns', 'exec', hosts!.namespaces[0]!, 'iptables', '-w', '-S', 'FLCUT'], { encoding: 'utf8' });
    expect(rules).toMatch(/-A FLCUT -s \S+ -j DROP/); // the partition is in force

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 run directories checked, [3-9] processes killed/);
    expect(leftOnHosts(rec)).toEqual([]);
    expect(existsSync(join(hosts!.options['work-dir']!, 'programs')), 'the program cache stays').toBe(true);
    expect(existsSync(rec.ssh!.controlDir!), 'the harness’s control sockets go').toBe(false);

    const again = await runCliProcess(['cleanup', dir]);
    expect(again.stdout).toMatch(/0 processes killed/);
  }, 120_000);
});
