/**
 * The etcd client a worker opens: register ops (register-client.ts) and transactions (txn-client.ts)
 * against one member, through one set of gateway calls with one refusal back-off, so no op kind
 * spins against a member that is down while another waits.
 */
import type { Client } from '../../src/core/client.js';
import type { NodeRef } from '../../src/core/target.js';
import { backedOffPost } from './backoff-post.js';
import { etcdRegisterClient } from './register-client.js';
import { runTxn } from './txn-client.js';

/** Options the etcd client honours. */
export interface EtcdClientOptions {
  /** Serve reads (and transactions' snapshot reads) from the member's local state: not linearizable. */
  serializableReads: boolean;
}

/** Opens the etcd client for `node`: `txn` ops run as transactions, the rest as register ops. */
export function etcdClient(node: NodeRef, opts: EtcdClientOptions): Client {
  const base = `http://${node.host}:${node.clientPort}`;
  const post = backedOffPost(base);
  const register = etcdRegisterClient(node, opts, post);
  return {
    invoke: (op, signal) => (op.f === 'txn' ? runTxn(base, op, signal, { serializableReads: opts.serializableReads, post }) : register.invoke(op, signal)),
    close: () => register.close(),
  };
}
