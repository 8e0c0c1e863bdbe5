/**
 * The local runtime's layout: distinct loopback ports for every node and proxy (one allocation, so no
 * two coincide), per-node directories and clock files, and, when asked, the proxies on every directed
 * peer link and on every client link. Paths are absolute: each node runs with its own directory as cwd.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { nodeName } from '../core/node-names.js';
import type { ClusterPlan, NodePlan } from '../core/target.js';
import { LinkProxySet } from './link-proxy-set.js';
import { clockFile, writeClockFile, type ClockMode } from './local-clock.js';
import { freePorts } from './ports.js';

/** What `planLocalCluster` may add besides ports and directories. */
export interface LocalPlanOptions {
  /** Put a proxy on every directed link (`peerAddress` then returns the proxy). */
  proxies?: { framed: boolean; seed: number };
  /** Also proxy every client link h→x (a client homed at h dialing node x), for partitions of clients. */
  clientProxies?: boolean;
  /** Give every node a clock file of this kind. */
  clock?: ClockMode;
}

/** A local plan, with the link proxies when it has them. */
export type LocalPlan = ClusterPlan & { proxies?: LinkProxySet; clientProxies?: LinkProxySet; clockMode?: ClockMode };

/** Lays out `count` nodes on loopback with distinct ports, per-node directories and, if asked, link proxies. */
export async function planLocalCluster(count: number, runDir: string, o: LocalPlanOptions = {}): Promise<LocalPlan> {
  // Absolute: each node runs with its own directory as cwd, so a relative path would point elsewhere.
  runDir = resolve(runDir);
  // One call for node and proxy ports, so no two of them can coincide.
  const pairs = count * (count - 1);
  const links = (o.proxies ? pairs : 0) + (o.clientProxies ? pairs : 0);
  const ports = await freePorts(count * 2 + links);
  const nodes: NodePlan[] = Array.from({ length: count }, (_, i) => {
    const name = nodeName(i);
    const dir = join(runDir, 'nodes', name);
    const node: NodePlan = {
      name,
      index: i,
      host: '127.0.0.1',
      clientPort: ports[2 * i],
      peerPort: ports[2 * i + 1],
      dataDir: join(dir, 'data'),
      logFile: join(runDir, 'nodes', `${name}.log`),
    };
    if (o.clock) {
      const file = clockFile(runDir, name, o.clock);
      if (o.clock === 'offset-file') node.clockOffsetFile = file;
    }
    return node;
  });
  for (const n of nodes) {
    mkdirSync(n.dataDir, { recursive: true });
    if (o.clock) writeClockFile(clockFile(runDir, n.name, o.clock), o.clock, 0);
  }
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const proxyPorts = ports.slice(count * 2);
  const proxies = o.proxies
    ? await LinkProxySet.start({
        upstreams: new Map(nodes.map((n) => [n.name, { host: n.host, port: n.peerPort }])),
        ports: proxyPorts.splice(0, pairs),
        ...o.proxies,
      })
    : undefined;
  let clientProxies: LinkProxySet | undefined;
  try {
    clientProxies = o.clientProxies
      ? await LinkProxySet.start({
          upstreams: new Map(nodes.map((n) => [n.name, { host: n.host, port: n.clientPort }])),
          ports: proxyPorts.splice(0, pairs),
          framed: false,
          seed: 0,
        })
      : undefined;
  } catch (e) {
    await proxies?.close();
    throw e;
  }
  return {
    nodes,
    token: `faultline-${randomBytes(4).toString('hex')}`,
    proxies,
    clientProxies,
    clockMode: o.clock,
    peerAddress(from, to) {
      const n = byName.get(to);
      if (!n || !byName.has(from)) throw new Error(`unknown link ${from}→${to}`);
      return proxies ? proxies.address(from, to) : { host: n.host, port: n.peerPort };
    },
  };
}
