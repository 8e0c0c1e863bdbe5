/**
 * A tiny real target for runtime and runner tests that must not depend on etcd: each node is a Node
 * process serving HTTP on its client port (`GET /` → "ok"), optionally failing at startup. Its client
 * is a no-op that answers every op `ok` after a real HTTP round trip to its node.
 */
import { z } from 'zod';
import { ClientError } from '../../src/core/errors.js';
import type { Target } from '../../src/core/target.js';
import { boolOpt } from '../../src/core/options.js';

const serverSource = (port: number, host: string, crash: boolean) =>
  crash
    ? `console.error('fixture: refusing to start'); process.exit(3)`
    : `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '${host}', () => console.log('fixture listening'))`;

/**
 * The same server, also answering `GET /time` with its wall clock (Date.now()), declared as a
 * dynamically linked program whose clock libfaketime can skew (Node reads time through libc).
 */
const clockServerSource = (port: number, host: string) =>
  `require('node:http').createServer((q, s) => s.end(q.url === '/time' ? String(Date.now()) : 'ok')).listen(${port}, '${host}', () => console.log('fixture listening'))`;

export const fixtureOptions = z.strictObject({ crash: boolOpt(false) });

export const fixtureTarget: Target<z.infer<typeof fixtureOptions>> = {
  name: 'fixture',
  description: 'test fixture: a Node HTTP server per node',
  optionsSchema: fixtureOptions,
  ops: ['read', 'write', 'cas'],
  async checkInstalled() {
    return undefined;
  },
  nodeSpec(node, _cluster, opts) {
    return { command: process.execPath, args: ['-e', serverSource(node.clientPort, node.host, opts.crash)] };
  },
  async isReady(node, _opts, signal) {
    const res = await fetch(`http://${node.host}:${node.clientPort}/`, { signal });
    return (await res.text()) === 'ok';
  },
  async openClient(node) {
    return {
      async invoke(op, signal) {
        try {
          await (await fetch(`http://${node.host}:${node.clientPort}/`, { signal })).text();
        } catch (e) {
          throw new ClientError(String(e), op.f === 'read');
        }
        return { type: 'ok', value: op.f === 'read' ? null : op.value };
      },
      async close() {},
    };
  },
};

export const faketimeFixtureTarget: Target<z.infer<typeof fixtureOptions>> = {
  ...fixtureTarget,
  name: 'fixture-faketime',
  description: 'test fixture: a Node HTTP server per node telling its wall clock, skewed with libfaketime',
  clockSkew: 'libfaketime',
  nodeSpec(node) {
    return { command: process.execPath, args: ['-e', clockServerSource(node.clientPort, node.host)] };
  },
};
