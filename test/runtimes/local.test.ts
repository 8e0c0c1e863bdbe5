import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Target } from '../../src/core/target.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { planLocalCluster } from '../../src/runtimes/local-plan.js';
import { freePorts } from '../../src/runtimes/ports.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { processAlive, recordedNodePids } from '../support/processes.js';

/** GETs `url` until it answers (bounded: 100 tries). */
async function pollText(url: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await (await fetch(url)).text();
    } catch (e) {
      if (i >= 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let dir: string;
let cluster: LocalCluster | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-local-'));
});
afterEach(async () => {
  await cluster?.teardown();
  cluster = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('freePorts', () => {
  it('returns distinct ports', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
  });
});

describe('local runtime', () => {
  it('starts each node with its own ports, data directory and log, and records the PIDs', async () => {
    cluster = await localRuntime.setup(fixtureTarget, { crash: false }, 3, { runDir: dir, logger: silentLogger });
    expect(cluster.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
    const ports = cluster.plan.nodes.flatMap((n) => [n.clientPort, n.peerPort]);
    expect(new Set(ports).size).toBe(6);
    for (const n of cluster.plan.nodes) {
      expect(existsSync(n.dataDir)).toBe(true);
      expect(readFileSync(n.logFile, 'utf8')).toContain('fixture listening');
    }
    const recorded = JSON.parse(readFileSync(join(dir, 'pids.json'), 'utf8')) as { runtime: string; harness: number; nodes: number[] };
    expect(recorded.runtime).toBe('local');
    expect(recorded.harness).toBe(process.pid);
    expect(recorded.nodes.sort()).toEqual(cluster.pids().sort());
  });

  it('lays the cluster out at absolute paths when given a relative run directory', async () => {
    // Nodes run with their own directory as cwd: a relative data dir or clock file would land elsewhere.
    const rel = relative(process.cwd(), dir);
    expect(isAbsolute(rel)).toBe(false);
    const plan = await planLocalCluster(2, rel, { clock: 'offset-file' });
    for (const n of plan.nodes) {
      expect(n.dataDir).toBe(join(dir, 'nodes', n.name, 'data'));
      expect(isAbsolute(n.logFile)).toBe(true);
      expect(n.clockOffsetFile && isAbsolute(n.clockOffsetFile)).toBe(true);
    }
  });

  it('tears down without leaving a process behind, paused ones included', async () => {
    cluster = await localRuntime.setup(fixtureTarget, { crash: false }, 3, { runDir: dir, logger: silentLogger });
    const pids = cluster.pids();
    expect(pids.every(processAlive)).toBe(true);
    await cluster.pause('n2');
    await cluster.teardown();
    expect(pids.filter(processAlive)).toEqual([]);
    expect(cluster.pids()).toEqual([]);
  });

  it('kills a node with SIGKILL and restarts it on the same ports with its data kept', async () => {
    cluster = await localRuntime.setup(fixtureTarget, { crash: false }, 3, { runDir: dir, logger: silentLogger });
    const [before] = cluster.pids();
    const n1 = cluster.nodes[0];
    const data = `http://${n1.host}:${n1.clientPort}/data`;
    expect(await (await fetch(data, { method: 'PUT', body: 'written before the kill' })).text()).toBe('stored');
    await cluster.kill('n1');
    expect(processAlive(before)).toBe(false);
    await expect(fetch(`http://${n1.host}:${n1.clientPort}/`)).rejects.toThrow();
    await cluster.restart('n1');
    expect(await pollText(`http://${n1.host}:${n1.clientPort}/`)).toBe('ok');
    const pids = cluster.pids();
    expect(pids).toHaveLength(3);
    expect(pids).not.toContain(before);
    // The restarted process itself answers with what its predecessor stored.
    expect(await pollText(data)).toBe('written before the kill');
  });

  it('puts a node’s files in place before it first starts, and leaves them to the node on a restart', async () => {
    // Each node answers GET / with the content of its greeting file, read when it starts.
    const target: Target<{ crash: boolean }> = {
      ...fixtureTarget,
      nodeSpec: (node) => ({
        args: ['-e', `const t = require('fs').readFileSync('greeting.txt', 'utf8'); require('http').createServer((q, s) => s.end(t)).listen(${node.clientPort}, '${node.host}')`],
        files: [{ path: 'greeting.txt', content: `hello from ${node.name}` }],
      }),
      isReady: async (node, _o, signal) => (await fetch(`http://${node.host}:${node.clientPort}/`, { signal })).ok,
    };
    cluster = await localRuntime.setup(target, { crash: false }, 2, { runDir: dir, logger: silentLogger });
    const [n1, n2] = cluster.nodes;
    expect(await pollText(`http://${n1.host}:${n1.clientPort}/`)).toBe('hello from n1');
    expect(await pollText(`http://${n2.host}:${n2.clientPort}/`)).toBe('hello from n2');
    const file = join(cluster.plan.nodes[0].dataDir, '..', 'greeting.txt');
    writeFileSync(file, 'changed by the node');
    await cluster.kill('n1');
    await cluster.restart('n1');
    expect(await pollText(`http://${n1.host}:${n1.clientPort}/`)).toBe('changed by the node');
  });

  it('reports a node that dies at startup in one line with its log tail, leaving nothing running', async () => {
    const err = await localRuntime.setup(fixtureTarget, { crash: true }, 3, { runDir: dir, logger: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/^fixture: node n\d exited \(3\) during startup; last lines of .*n\d\.log:\nfixture: refusing to start/);
    expect(recordedNodePids(dir).filter(processAlive)).toEqual([]);
  });
});
