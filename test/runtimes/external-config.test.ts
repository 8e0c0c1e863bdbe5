/**
 * The external runtime's cluster file and refusals: bad files are one line naming file:line and field
 * (exit 254 through the real CLI), a fault without its command is refused up front naming the key the
 * file lacks, the default nemesis mix leaves out what the file does not configure, and `check` finds
 * every command's program.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { loadClusterFile } from '../../src/runtimes/external-config.js';
import { externalOptionsSchema, externalPlan, externalRuntime } from '../../src/runtimes/external.js';
import { applicableFaults, faultRefusal } from '../../src/runtimes/runtime.js';
import { applicableDefaults, chooseNemeses } from '../../nemeses/index.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { redisTarget } from '../../targets/redis/index.js';
import { redisOptionsSchema } from '../../targets/redis/options.js';
import { runCliProcess } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-external-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const NODES = 'nodes:\n  - {name: a, host: 127.0.0.1, port: 7001}\n  - {name: b, host: 127.0.0.1, port: 7002}\n  - {name: c, host: 127.0.0.1, port: 7003}\n';
const opts = (file: string) => externalOptionsSchema.parse({ cluster: file });

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('external cluster file', () => {
  it('reads YAML and JSON, naming unnamed nodes n<i>', () => {
    const y = loadClusterFile(write('c.yaml', `${NODES}commands:\n  pause: [kill, -STOP, "{node}"]\n  resume: [kill, -CONT, "{node}"]\n`));
    expect(y.nodes.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    expect(y.commands).toEqual({ pause: ['kill', '-STOP', '{node}'], resume: ['kill', '-CONT', '{node}'] });
    const j = loadClusterFile(write('c.json', JSON.stringify({ nodes: [{ host: 'h1', port: 1 }, { host: 'h2', port: 2 }] })));
    expect(j.nodes).toEqual([{ name: 'n1', host: 'h1', port: 1 }, { name: 'n2', host: 'h2', port: 2 }]);
    expect(j.commands).toEqual({});
  });

  it.each([
    ['a port that is not a number', `nodes:\n  - host: h\n    port: x\n`, 'bad.yaml:3: nodes[0].port: '],
    ['a node without a host', `nodes:\n  - port: 1\n`, 'bad.yaml:2: nodes[0].host: '],
    ['an unknown placeholder', `${NODES}commands:\n  kill: [kill, "{nod}"]\n  restart: [x, "{node}"]\n`, 'bad.yaml:6: commands.kill[1]: unknown placeholder {nod}'],
    ['a list placeholder inside an argument', `${NODES}commands:\n  heal: [x, "--all={nodes}"]\n  partition: [x, "{grudge}"]\n`, 'bad.yaml:6: commands.heal[1]: {nodes} expands to several arguments'],
    ['a fault without its undo', `${NODES}commands:\n  pause: [kill, -STOP, "{node}"]\n`, 'bad.yaml:6: commands.pause: needs a `resume` command too'],
    ['a placeholder as the program', `${NODES}commands:\n  kill: ["{host}", x, "{node}"]\n  restart: [x, "{node}"]\n`, 'bad.yaml:6: commands.kill[0]: the program may not hold a placeholder'],
    ['a node command that names no node', `${NODES}commands:\n  kill: [pkill, raft]\n  restart: [x, "{node}"]\n`, 'bad.yaml:6: commands.kill: a kill command acts on one node'],
    ['a placeholder the command cannot have', `${NODES}commands:\n  kill: [x, "{node}", "{grudge}"]\n  restart: [x, "{node}"]\n`, 'bad.yaml:6: commands.kill[2]: unknown placeholder {grudge}'],
    ['a name given twice', `nodes:\n  - {name: a, host: h, port: 1}\n  - {name: a, host: h, port: 2}\n`, 'bad.yaml:3: nodes[1].name: a is named twice'],
    ['an unknown command', `${NODES}commands:\n  freeze: [x]\n`, 'bad.yaml:6: commands: unknown command freeze (known: partition, heal, kill, restart, stop, pause, resume, clock)'],
    ['not YAML', `nodes: [\n`, 'bad.yaml:'],
    ['a peer-port out of range', `nodes:\n  - {host: h, port: 1, peer-port: 1}\n  - host: h\n    port: 2\n    peer-port: 65536\n`, 'bad.yaml:5: nodes[1].peer-port: '],
    ['a peer-port that is the client port', `nodes:\n  - {host: h, port: 1, peer-port: 2}\n  - {host: h, port: 2, peer-port: 2}\n`, "bad.yaml:3: nodes[1].peer-port: 2 is the node's client port too"],
    ['a misspelt peer-port', `nodes:\n  - {host: h, port: 1, peer_port: 2}\n`, 'bad.yaml:2: nodes[0]: '],
  ])('refuses %s, naming file:line and field', (_what, text, expected) => {
    const msg = errorOf(() => loadClusterFile(write('bad.yaml', text)));
    expect(msg).toContain(expected);
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('bad files and missing options exit 254 with one line through the CLI', async () => {
    const bad = write('bad.yaml', `nodes:\n  - host: h\n    port: x\n`);
    const r = await runCliProcess(['run', '--runtime', 'external', '--runtime-opt', `cluster=${bad}`, '--target', 'raft-kv', '--time-limit', '1'], { cwd: dir });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(`faultline: ${bad}:3: nodes[0].port: Invalid input: expected number, received string`);
    const none = await runCliProcess(['run', '--runtime', 'external', '--target', 'raft-kv', '--time-limit', '1'], { cwd: dir });
    expect(none.code).toBe(254);
    expect(none.stderr).toMatch(/^faultline: --runtime-opt cluster .*required: the cluster file/);
  });
});

describe('external readiness and node count', () => {
  it('refuses a --nodes that differs from the file, and names the endpoint that does not answer', async () => {
    const { freePorts } = await import('../../src/runtimes/ports.js');
    const [closed] = await freePorts(1); // nothing listens there
    const file = write('cluster.yaml', `nodes:\n  - {name: far-away, host: 127.0.0.1, port: ${closed}}\n`);
    const base = ['run', '--runtime', 'external', '--runtime-opt', `cluster=${file}`, '--runtime-opt', 'ready-timeout=1', '--target', 'raft-kv', '--nemesis', 'none', '--time-limit', '1', '--no-progress'];
    const mismatch = await runCliProcess([...base, '--nodes', '3'], { cwd: dir });
    expect(mismatch.code).toBe(254);
    expect(mismatch.stdout + mismatch.stderr).toContain(`--nodes 3: ${file} lists 1 node; run with --nodes 1`);
    const down = await runCliProcess([...base, '--nodes', '1'], { cwd: dir });
    expect(down.code).toBe(254);
    expect(down.stderr.trim()).toBe(`faultline: runtime external: n1 (far-away at 127.0.0.1:${closed}) of ${file} did not answer raft-kv's readiness probe within 1 s (--runtime-opt ready-timeout=SECONDS)`);
  });
});

describe('external refusals', () => {
  it('has exactly the faults whose commands the file configures', () => {
    const o = opts(write('cluster.yaml', `${NODES}commands:\n  kill: [kill, -9, "{node}"]\n  restart: [start, "{node}"]\n  pause: [kill, -STOP, "{node}"]\n  resume: [kill, -CONT, "{node}"]\n`));
    expect(applicableFaults(externalRuntime, raftKvTarget, o)).toEqual(['kill', 'pause']);
    expect(faultRefusal(externalRuntime, 'partition', raftKvTarget, o)).toBe('runtime external: cluster.yaml has no `partition` command; add one or leave out --nemesis partition');
    expect(faultRefusal(externalRuntime, 'stop', raftKvTarget, o)).toBe('runtime external: cluster.yaml has no `stop` command; add one or leave out --nemesis kill');
    expect(faultRefusal(externalRuntime, 'power-loss', raftKvTarget, o)).toMatch(/cannot apply power-loss; use --runtime local or netns$/);
    expect(faultRefusal(externalRuntime, 'kill', raftKvTarget)).toMatch(/--runtime-opt cluster=FILE/);
  });

  it('refuses an unconfigured nemesis up front, and the default mix leaves it out', () => {
    const o = opts(write('cluster.yaml', `${NODES}commands:\n  pause: [kill, -STOP, "{node}"]\n  resume: [kill, -CONT, "{node}"]\n`));
    const choose = (names: string[], nemesisOpts: Record<string, string> = {}) => () =>
      chooseNemeses({ names, opts: nemesisOpts, runtime: externalRuntime, target: raftKvTarget, nodes: ['n1', 'n2', 'n3'], runtimeOpts: o });
    expect(errorOf(choose(['pause', 'kill']))).toBe('nemesis kill: runtime external: cluster.yaml has no `kill` command; add one or leave out --nemesis kill');
    expect(choose(['pause'])().chosen.map((c) => c.pkg.name)).toEqual(['pause']);
    const d = applicableDefaults(externalRuntime, raftKvTarget, ['n1', 'n2', 'n3'], o);
    expect(d.names).not.toContain('kill');
    expect(d.names).not.toContain('partition');
    expect(d.names).toContain('pause');
    expect(d.skipped.join('\n')).toContain('nemesis partition left out of the default: runtime external: cluster.yaml has no `partition` command');
  });

  it('kill mode=kill needs only kill and restart; mode=stop needs stop', () => {
    const o = opts(write('cluster.yaml', `${NODES}commands:\n  kill: [kill, -9, "{node}"]\n  restart: [start, "{node}"]\n`));
    const choose = (nemesisOpts: Record<string, string>) => () =>
      chooseNemeses({ names: ['kill'], opts: nemesisOpts, runtime: externalRuntime, target: raftKvTarget, nodes: ['n1', 'n2', 'n3'], runtimeOpts: o });
    expect(choose({})().chosen).toHaveLength(1);
    expect(errorOf(choose({ 'kill.mode': 'stop' }))).toContain('has no `stop` command');
  });

  it('check finds each command\'s program, on PATH or absolute', async () => {
    const t = raftKvOptionsSchema.parse({});
    const good = opts(write('good.yaml', `${NODES}commands:\n  kill: [kill, -9, "{node}"]\n  restart: ["${process.execPath}", "{node}"]\n`));
    expect(await externalRuntime.check(raftKvTarget, t, good)).toBeUndefined();
    const onPath = opts(write('p.yaml', `${NODES}commands:\n  pause: [no-such-program-xyz, "{node}"]\n  resume: [kill, "{node}"]\n`));
    expect(await externalRuntime.check(raftKvTarget, t, onPath)).toBe(`runtime external: ${join(dir, 'p.yaml')}: commands.pause: no-such-program-xyz is not on PATH; install it or give its absolute path`);
    const abs = opts(write('a.yaml', `${NODES}commands:\n  pause: [kill, "{node}"]\n  resume: [/nonexistent/resume, "{node}"]\n`));
    expect(await externalRuntime.check(raftKvTarget, t, abs)).toContain('commands.resume: /nonexistent/resume is not an executable file');
  });
});

describe('external peer ports (targets whose clients reach a service beside each node)', () => {
  const PEERS = 'nodes:\n  - {host: 127.0.0.1, port: 7001, peer-port: 27001}\n  - {host: 127.0.0.1, port: 7002}\n  - {host: 127.0.0.1, port: 7003, peer-port: 27003}\n';

  it('reads peer-port and passes it through the plan to the nodes', () => {
    const c = loadClusterFile(write('c.yaml', PEERS));
    expect(c.nodes.map((n) => n.peerPort)).toEqual([27001, undefined, 27003]);
    expect('peerPort' in c.nodes[1]!).toBe(false);
    expect(externalPlan(c).nodes.map((n) => n.peerPort)).toEqual([27001, 0, 27003]);
  });

  it('check refuses a target that needs peer ports when a node has none, and only such a target', async () => {
    const file = write('c.yaml', PEERS);
    const redis = redisOptionsSchema.parse({});
    expect(await externalRuntime.check(redisTarget, redis, opts(file))).toBe(
      `runtime external: target redis needs peer-port (where its clients reach each node's Redis Sentinel) for every node in ${file} (node n2 has none)`,
    );
    const none = write('none.yaml', NODES);
    expect(await externalRuntime.check(redisTarget, redis, opts(none))).toContain('(nodes a, b, c have none)');
    expect(await externalRuntime.check(raftKvTarget, raftKvOptionsSchema.parse({}), opts(none))).toBeUndefined();
    const all = write('all.yaml', PEERS.replace('port: 7002}', 'port: 7002, peer-port: 27002}'));
    expect(await externalRuntime.check(redisTarget, redis, opts(all))).toBeUndefined();
  });

  it('the CLI refuses it in one line, exit 254, before it connects to anything', async () => {
    const file = write('c.yaml', PEERS);
    const r = await runCliProcess(['run', '--runtime', 'external', '--runtime-opt', `cluster=${file}`, '--target', 'redis', '--workload', 'register', '--nemesis', 'none', '--time-limit', '1', '--reports-dir', join(dir, 'reports')], { cwd: dir });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(`faultline: runtime external: target redis needs peer-port (where its clients reach each node's Redis Sentinel) for every node in ${file} (node n2 has none)`);
    expect(existsSync(join(dir, 'reports')), 'no run directory was made').toBe(false);
  });
});
