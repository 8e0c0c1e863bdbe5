/**
 * The readiness probe of a config-file target, on the node's client port: an HTTP GET of a path
 * that must answer 2xx (etcd's `/health` answers 503 until the member has a leader), or a TCP
 * connection that must be accepted.
 */
import { connect } from 'node:net';
import type { NodeRef } from '../../src/core/target.js';
import type { TargetConfig } from './schema.js';

/** True once a TCP connection to `node`'s client port is accepted. */
function tcpAccepts(node: NodeRef, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: node.host, port: node.clientPort });
    const done = (ok: boolean) => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      resolve(ok);
    };
    const abort = () => done(false);
    signal.addEventListener('abort', abort, { once: true });
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when `node` passes the probe `ready` describes. */
export async function probeReady(ready: TargetConfig['ready'], node: NodeRef, signal: AbortSignal): Promise<boolean> {
  if (ready.tcp) return tcpAccepts(node, signal);
  const res = await fetch(`http://${node.host}:${node.clientPort}${ready.http}`, { signal });
  await res.body?.cancel();
  return res.ok;
}
