/**
 * Target config files: mistakes named by file:line and field (in-process and through the CLI, exit
 * 254 with nothing stored), placeholders and the peer list filled in from the runtime's plan, and the
 * faults a file turns off refused before anything starts.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterPlan, NodePlan } from '../../../src/core/target.js';
import { UserError } from '../../../src/core/errors.js';
import { localRuntime as local } from '../../../src/runtimes/local.js';
import { applicableFaults, faultRefusal } from '../../../src/runtimes/runtime.js';
import { isTargetFile, loadConfigTarget } from '../../../targets/config/config-target.js';
import { runCliProcess } from '../../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-target-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `name: demo
description: a demo target
program:
  binary: etcd
  debianPackage: etcd-server
args:
  - --name={name}
  - --initial-cluster={peers}
  - --data-dir={dataDir}
peers:
  template: "{name}=http://{peerHost}:{peerPort}"
env:
  DEMO_TOKEN: "{token}-{index}"
files:
  - path: "conf/{name}.conf"
    content: "listen {host}:{clientPort}"
ready:
  http: /health
faults:
  stop: false
client:
  type: raft-kv-http
  ops: [read, write, cas]
`;

/** Writes `text` as `name` in the test directory; returns its path. */
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): string {
  try {
    loadConfigTarget(path);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message.replaceAll(`${dir}/`, '');
  }
  throw new Error(`${path} loaded without an error`);
}

describe('target config files: mistakes', () => {
  it.each([
    ['an unknown placeholder', GOOD.replace('{dataDir}', '{datadir}'), /^bad\.yaml:9: args\[2\]: unknown placeholder \{datadir\}; expected one of \{name\}, /],
    ['a peer template placeholder outside its list', GOOD.replace('{peerHost}', '{dataDir}'), /^bad\.yaml:11: peers\.template: unknown placeholder \{dataDir\}/],
    ['a readiness path without a slash', GOOD.replace('http: /health', 'http: health'), /^bad\.yaml:18: ready\.http: expected a path starting with \/$/],
    ['two readiness probes', GOOD.replace('http: /health', 'http: /health\n  tcp: true'), /^bad\.yaml:18: ready: expected one probe: http: \/path/],
    ['an unknown client', GOOD.replace('type: raft-kv-http', 'type: telnet'), /^bad\.yaml:22: client\.type: Invalid discriminator value/],
    ['an op the client does not have', GOOD.replace('ops: [read, write, cas]', 'ops: [read, fly]'), /^bad\.yaml:23: client\.ops\[1\]: Invalid option: expected one of "read"\|"write"\|"cas"\|"append"/],
    ['a fault switch that is not a boolean', GOOD.replace('stop: false', 'stop: maybe'), /^bad\.yaml:20: faults\.stop: Invalid input: expected boolean, received string$/],
    ['an unknown field', GOOD.replace('ready:', 'readyness: 1\nready:'), /^bad\.yaml:1: Unrecognized key: "readyness"$/],
    ['a missing client', GOOD.replace(/client:[\s\S]*$/, ''), /^bad\.yaml:1: client: Invalid input: expected object, received undefined$/],
    ['broken YAML', GOOD.replace('  - --name={name}', '  - --name={name}\n - oops: ['), /^bad\.yaml:8: not valid JSON or YAML: /],
  ])('names the line and field of %s', (_what, text, message) => {
    expect(errorOf(file('bad.yaml', text))).toMatch(message);
  });

  it('names the line and field in a JSON file too', () => {
    const json = JSON.stringify({ name: 'demo', description: 'd', program: { binary: 7, debianPackage: 'x' }, args: [], ready: { tcp: true }, client: { type: 'etcd' } }, null, 2);
    expect(errorOf(file('bad.json', json))).toBe('bad.json:5: program.binary: Invalid input: expected string, received number');
  });

  it('refuses a process client whose program is missing', () => {
    const text = GOOD.replace(/client:[\s\S]*$/, 'client:\n  type: process\n  command: [./no-such-client, "{name}"]\n  ops: [read]\n');
    expect(errorOf(file('noclient.yaml', text))).toBe('noclient.yaml: client.command[0]: ./no-such-client is not an executable file (no-such-client)');
  });

  it('names the Debian package when the program is missing, before anything starts', async () => {
    const t = loadConfigTarget(file('missing.yaml', GOOD.replace('binary: etcd', 'binary: no-such-server-here')));
    expect(await local.check(t, {})).toBe('demo is not installed: no-such-server-here is not on PATH; install it with `sudo apt-get install etcd-server` (Debian/Ubuntu)');
  });

  it('through the CLI: one line naming file:line and field, exit 254, nothing stored', async () => {
    const cwd = mkdtempSync(join(dir, 'cli-'));
    writeFileSync(join(cwd, 'bad.yaml'), GOOD.replace('{dataDir}', '{datadir}'));
    const r = await runCliProcess(['run', '--target', './bad.yaml', '--time-limit', '1'], { cwd });
    expect(r.code).toBe(254);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^faultline: \.\/bad\.yaml:9: args\[2\]: unknown placeholder \{datadir\}/)]);
    expect(readdirSync(cwd)).toEqual(['bad.yaml']);
  });
});

describe('target config files: what a node is given', () => {
  const node = (i: number): NodePlan => ({ name: `n${i + 1}`, index: i, host: '127.0.0.1', clientPort: 7000 + i, peerPort: 8000 + i, dataDir: `/d/n${i + 1}/data`, logFile: `/d/n${i + 1}.log` });
  const cluster: ClusterPlan = { nodes: [node(0), node(1), node(2)], token: 'tok', peerAddress: (from, to) => ({ host: `proxy-${from}`, port: 9000 + Number(to.slice(1)) }) };

  it('fills in args, env and files, and the peer list with the address each peer is dialled at', () => {
    const t = loadConfigTarget(file('good.yaml', GOOD));
    expect(t.name).toBe('demo');
    expect(t.ops({})).toEqual(['read', 'write', 'cas']);
    expect(t.program({})).toEqual({ kind: 'binary', name: 'etcd', debianPackage: 'etcd-server' });
    const spec = t.nodeSpec(node(1), cluster, {});
    expect(spec.args).toEqual(['--name=n2', '--initial-cluster=n1=http://proxy-n2:9001,n2=http://127.0.0.1:8001,n3=http://proxy-n2:9003', '--data-dir=/d/n2/data']);
    expect(spec.env).toEqual({ DEMO_TOKEN: 'tok-1' });
    expect(spec.files).toEqual([{ path: 'conf/n2.conf', content: 'listen 127.0.0.1:7001' }]);
  });

  it('leaves the node itself out of the peer list with include: others, and joins with the separator', () => {
    const t = loadConfigTarget(file('others.yaml', GOOD.replace('  template:', '  include: others\n  separator: ";"\n  template:')));
    expect(t.nodeSpec(node(0), cluster, {}).args[1]).toBe('--initial-cluster=n2=http://proxy-n1:9002;n3=http://proxy-n1:9003');
  });

  it('refuses the faults the file turns off, before the runtime is asked', () => {
    const t = loadConfigTarget(file('good.yaml', GOOD));
    expect(faultRefusal(local, 'stop', t)).toBe(`target demo cannot take the stop fault (${join(dir, 'good.yaml')} says faults.stop: false)`);
    expect(applicableFaults(local, t)).toContain('kill');
    expect(applicableFaults(local, t)).not.toContain('stop');
    expect(applicableFaults(local, t)).not.toContain('partition'); // one shared peer list (perLinkPeers: false)
  });

  it('tells a file from a registered target', () => {
    for (const f of ['./t.yaml', 'examples/x/target.yaml', 't.json', 'T.YML', '/abs/target']) expect(isTargetFile(f)).toBe(true);
    for (const n of ['etcd', 'raft-kv', 'redis']) expect(isTargetFile(n)).toBe(false);
  });
});
