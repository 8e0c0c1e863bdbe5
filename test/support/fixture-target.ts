/**
 * A tiny real target for runtime and runner tests that must not depend on etcd: each node is a Node
 * process serving HTTP on its client port (`GET /` → "ok"), optionally failing at startup. It keeps
 * one durable value in its data directory (`PUT /data` stores the body with fsync and answers
 * "stored"; `GET /data` answers it, or 404), so a test can tell a restart that kept the node's data
 * from one that lost it; `PUT /data?nosync` stores it without fsync, for power-loss tests. Its
 * client is a no-op that answers every op `ok` after a real HTTP round
 * trip to its node.
 */
import { z } from 'zod';
import { ClientError } from '../../src/core/errors.js';
import type { Target } from '../../src/core/target.js';
import { boolOpt } from '../../src/core/options.js';

/** The durable value: `PUT /data` writes `<dataDir>/value` and fsyncs it before answering (not with `?nosync`). */
const dataRoute = (dataDir: string) => `
const fs = require('node:fs');
const file = require('node:path').join(${JSON.stringify(dataDir)}, 'value');
function data(q, s) {
  if (q.method !== 'PUT') return fs.readFile(file, 'utf8', (e, v) => { s.statusCode = e ? 404 : 200; s.end(e ? 'nothing stored' : v); });
  const body = [];
  q.on('data', (c) => body.push(c));
  q.on('end', () => {
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, Buffer.concat(body));
    if (q.url !== '/data?nosync') fs.fsyncSync(fd);
    fs.closeSync(fd);
    s.end('stored');
  });
}`;

const serverSource = (port: number, host: string, crash: boolean, dataDir: string) =>
  crash
    ? `console.error('fixture: refusing to start'); process.exit(3)`
    : `${dataRoute(dataDir)}
require('node:http').createServer((q, s) => (q.url.startsWith('/data') ? data(q, s) : s.end('ok'))).listen(${port}, '${host}', () => console.log('fixture listening'))`;

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
  ops: () => ['read', 'write', 'cas'],
  // Node itself, by its absolute path: `node -e <server source>`.
  program: () => ({ kind: 'binary', name: process.execPath, debianPackage: 'nodejs' }),
  nodeSpec(node, _cluster, opts) {
    return { args: ['-e', serverSource(node.clientPort, node.host, opts.crash, node.dataDir)] };
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
    return { args: ['-e', clockServerSource(node.clientPort, node.host)] };
  },
};
