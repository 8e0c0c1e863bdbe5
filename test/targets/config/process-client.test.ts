/**
 * The process client protocol against deliberately bad client programs (tiny real Node scripts), run
 * through the whole harness on a config-file target whose single node is a Node one-liner listening
 * on its client port: the recorded history says what each misbehaviour becomes.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHistory } from '../../../src/core/history-reader.js';
import type { Op } from '../../../src/core/op.js';
import { runTest } from '../../../src/runner/run.js';
import { runOptionsSchema } from '../../../src/runner/run-options.js';
import { processAlive } from '../../support/processes.js';

const quiet = { out: { write: () => true } as unknown as NodeJS.WritableStream, progress: false };

/** A client script: answers init, records its pid, then `onOp(op, n)` decides (n counts this process's ops from 1). */
const clientScript = (onOp: string, init = "say({ id: op.id, type: 'ok' })") => `
const fs = require('node:fs');
fs.appendFileSync(__dirname + '/client-pids', process.pid + '\\n');
let n = 0;
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const op = JSON.parse(line);
  if (op.f === 'init') return ${init};
  n++;
  ${onOp}
});`;

const CLIENTS = {
  silent: clientScript(`/* never answers */`),
  'no-init': clientScript(`say({ id: op.id, type: 'ok' });`, "say({ id: op.id, type: 'fail', error: 'no cluster here' })"),
  exits: clientScript(`if (n === 3) process.exit(3); say({ id: op.id, type: 'ok', value: op.f === 'read' ? null : op.value });`),
  'wrong-id': clientScript(`say({ id: n === 2 ? op.id + 1000 : op.id, type: 'ok', value: op.f === 'read' ? null : op.value });`),
  garbage: clientScript(`if (n === 2) return process.stdout.write('this is not json\\n'); say({ id: op.id, type: 'ok', value: op.f === 'read' ? null : op.value });`),
};

const SERVER = "require('node:net').createServer((s) => s.end()).listen(Number(process.argv[2]), process.argv[1])";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-process-client-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the target file for `client` and runs `ops` register ops on one node with one client. */
async function run(client: keyof typeof CLIENTS, ops: number, opTimeout = 5): Promise<{ history: Op[]; log: string; runDir: string }> {
  writeFileSync(join(dir, 'client.js'), CLIENTS[client]);
  const target = {
    name: `bad-${client}`,
    description: 'a TCP listener; the client is a deliberately bad process',
    program: { binary: process.execPath, debianPackage: 'nodejs' },
    args: ['-e', SERVER, '{host}', '{clientPort}'],
    ready: { tcp: true },
    client: { type: 'process', command: [process.execPath, 'client.js', '{name}'], ops: ['read', 'write', 'cas'] },
  };
  writeFileSync(join(dir, 'target.json'), JSON.stringify(target, null, 2));
  const o = runOptionsSchema.parse({
    target: join(dir, 'target.json'), workload: 'register', nodes: 1, concurrency: 1, timeLimit: 30, opLimit: ops,
    seed: 5, rate: 0, opTimeout, reportsDir: join(dir, 'reports'),
    // Exactly the op limit's ops: no final read-back of the keys written.
    workloadOpts: { 'read-back': 'false' },
  });
  const { dir: runDir, failure } = await runTest(o, quiet);
  expect(failure).toBeUndefined();
  return { history: await readHistory(join(runDir, 'history.jsonl')), log: readFileSync(join(runDir, 'harness.log'), 'utf8'), runDir };
}

const completions = (h: Op[]) => h.filter((op) => op.type !== 'invoke' && op.process !== 'nemesis');
const clientPids = () => readFileSync(join(dir, 'client-pids'), 'utf8').trim().split('\n').map(Number);

describe('the process client protocol with bad clients', () => {
  it('a client that never answers: each op is info after the op timeout, and every client process is ended', async () => {
    const { history, runDir } = await run('silent', 3, 0.5);
    const done = completions(history);
    expect(done.map((op) => [op.type, op.error])).toEqual([['info', 'timeout'], ['info', 'timeout'], ['info', 'timeout']]);
    // After an info the worker continues as a new process, with a fresh client process.
    expect(new Set(done.map((op) => op.process)).size).toBe(3);
    expect(clientPids()).toHaveLength(3);
    expect(clientPids().filter(processAlive)).toEqual([]);
    expect(readdirSync(runDir)).toContain('results.json');
  });

  it('a client that exits mid-run: its outstanding op is info, logged once, and later ops succeed in a restarted process', async () => {
    const { history, log } = await run('exits', 7);
    const done = completions(history);
    expect(done.map((op) => op.type)).toEqual(['ok', 'ok', 'info', 'ok', 'ok', 'info', 'ok']);
    for (const op of done.filter((x) => x.type === 'info')) expect(op.error).toBe('exited (code 3)');
    expect(log.match(/client process for n1 .*: exited \(code 3\); 1 request\(s\) outstanding become info/g)).toHaveLength(2);
    expect(clientPids()).toHaveLength(3);
    expect(clientPids().filter(processAlive)).toEqual([]);
  });

  it('a client that writes garbage: the op is info, the line is logged once, and the next op runs in a fresh process', async () => {
    const { history, log } = await run('garbage', 3);
    const done = completions(history);
    expect(done.map((op) => op.type)).toEqual(['ok', 'info', 'ok']);
    expect(done[1]!.error).toBe('wrote a malformed line (not JSON): this is not json');
    expect(log.match(/wrote a malformed line \(not JSON\): this is not json/g)).toHaveLength(1);
    expect(clientPids()).toHaveLength(2);
    expect(clientPids().filter(processAlive)).toEqual([]);
    expect(existsSync(join(dir, 'reports', 'bad-garbage-register'))).toBe(true);
  });

  it('a client that answers an id it was never sent: treated as a malformed line', async () => {
    const { history, log } = await run('wrong-id', 3);
    const done = completions(history);
    expect(done.map((op) => op.type)).toEqual(['ok', 'info', 'ok']);
    expect(done[1]!.error).toMatch(/^wrote a malformed line \(an answer to id \d+, which it was never sent\): \{"id":\d+,"type":"ok"/);
    expect(log.match(/which it was never sent/g)).toHaveLength(1);
  });

  it('a client that cannot start (init answered fail): its ops fail, as nothing was sent', async () => {
    const { history } = await run('no-init', 2);
    const done = completions(history);
    expect(done.map((op) => [op.type, op.error])).toEqual([
      ['fail', 'cannot open client: cannot start: init answered fail (no cluster here)'],
      ['fail', 'cannot open client: cannot start: init answered fail (no cluster here)'],
    ]);
    expect(clientPids().filter(processAlive)).toEqual([]);
  });
});
