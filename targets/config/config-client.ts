/**
 * The client a config-file target names: `etcd` (the etcd target's JSON-gateway client), `raft-kv-http`
 * (raft-kv's JSON-over-HTTP KV protocol, docs/kv-http-protocol.md, for any server that speaks it) or
 * `process` (a program in any language speaking JSON lines, docs/process-client-protocol.md).
 */
import { isAbsolute, resolve } from 'node:path';
import type { Client } from '../../src/core/client.js';
import type { ClientContext, NodeRef } from '../../src/core/target.js';
import { etcdOptionsSchema, etcdTarget } from '../etcd/index.js';
import { KV_CLIENT_OPS, kvOpsClient } from '../raft-kv/client/kv-ops-client.js';
import { ETCD_REGISTER_OPS } from '../etcd/register-client.js';
import { expand } from './placeholders.js';
import { processClient } from './process-client.js';
import type { ClientConfig } from './schema.js';

/** The ops the configured client serves: those the file lists, else every op of that client. */
export function clientOps(client: ClientConfig): readonly string[] {
  if (client.ops) return client.ops;
  return client.type === 'etcd' ? [...ETCD_REGISTER_OPS, 'txn'] : KV_CLIENT_OPS;
}

/** A process client's argv for a client bound to `node`; a relative program path is taken from `baseDir`. */
export function processCommand(command: readonly string[], node: NodeRef, nodes: readonly NodeRef[], baseDir: string): string[] {
  const ordered = [node, ...nodes.filter((n) => n.name !== node.name)];
  const values = { name: node.name, host: node.host, clientPort: node.clientPort, nodes: ordered.map((n) => `${n.name}=${n.host}:${n.clientPort}`).join(',') };
  const argv = command.map((a) => expand(a, values));
  if (argv[0]!.includes('/') && !isAbsolute(argv[0]!)) argv[0] = resolve(baseDir, argv[0]!);
  return argv;
}

/** Opens the configured client bound to `node`; `baseDir` is the config file's directory. */
export async function openConfigClient(client: ClientConfig, node: NodeRef, ctx: ClientContext<unknown>, baseDir: string): Promise<Client> {
  switch (client.type) {
    case 'etcd': {
      const opts = etcdOptionsSchema.parse({ 'serializable-reads': String(client.serializableReads) });
      return etcdTarget.openClient(node, { ...ctx, opts });
    }
    case 'raft-kv-http':
      return kvOpsClient(ctx.nodes, node);
    case 'process':
      return processClient({
        command: processCommand(client.command, node, ctx.nodes, baseDir),
        cwd: baseDir,
        ...(client.env ? { env: client.env } : {}),
        node: node.name,
        nodes: Object.fromEntries(ctx.nodes.map((n) => [n.name, `${n.host}:${n.clientPort}`])),
        ...(ctx.log ? { log: ctx.log } : {}),
      });
  }
}
