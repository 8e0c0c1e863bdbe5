/**
 * The schema of a target config file: a target described in JSON or YAML instead of TypeScript
 * (`faultline run --target ./my-target.yaml`). It names the program every node runs, how node i is
 * started (args, env and files with placeholders), how readiness is probed, which faults the system
 * takes, and which client speaks to it. docs/target-config.md explains every field with an example.
 */
import { z } from 'zod';
import { KV_CLIENT_OPS } from '../raft-kv/client/kv-ops-client.js';
import { ETCD_REGISTER_OPS } from '../etcd/register-client.js';
import { NODE_PLACEHOLDERS, PEER_PLACEHOLDERS, CLIENT_PLACEHOLDERS, unknownPlaceholder } from './placeholders.js';

/** A string whose `{placeholders}` are all among `known`. */
const templated = (known: readonly string[]) =>
  z.string().superRefine((s, ctx) => {
    const bad = unknownPlaceholder(s, known);
    if (bad) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${bad}}; expected one of ${known.map((k) => `{${k}}`).join(', ')}` });
  });

const nodeString = templated(NODE_PLACEHOLDERS);

const program = z.strictObject({
  binary: z.string().min(1).describe('a name on PATH, an absolute path, or a path relative to the config file'),
  debianPackage: z.string().min(1).describe('the Debian package that provides it, named when it is missing'),
});

const peers = z.strictObject({
  template: templated(PEER_PLACEHOLDERS),
  separator: z.string().default(','),
  include: z.enum(['all', 'others']).default('all'),
});

const file = z.strictObject({
  path: nodeString,
  content: nodeString,
  mode: z.number().int().min(0).max(0o777).optional(),
});

const ready = z
  .strictObject({ http: z.string().startsWith('/', 'expected a path starting with /').optional(), tcp: z.literal(true).optional() })
  .refine((r) => (r.http === undefined) !== (r.tcp === undefined), 'expected one probe: http: /path (a GET answering 2xx) or tcp: true (a connection accepted)');

const faults = z.strictObject({
  kill: z.boolean().default(true),
  stop: z.boolean().default(true),
  pause: z.boolean().default(true),
  powerLoss: z.boolean().default(true),
  clock: z.enum(['none', 'libfaketime', 'offset-file']).default('none'),
  perLinkPeers: z.boolean().default(false),
});

const opsOf = <T extends readonly [string, ...string[]]>(all: T) => z.array(z.enum(all)).min(1).optional();

const client = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('etcd'), serializableReads: z.boolean().default(false), ops: opsOf([...ETCD_REGISTER_OPS, 'txn']) }),
  z.strictObject({ type: z.literal('raft-kv-http'), ops: opsOf(KV_CLIENT_OPS as unknown as readonly [string, ...string[]]) }),
  z.strictObject({
    type: z.literal('process'),
    command: z.array(templated(CLIENT_PLACEHOLDERS)).min(1),
    ops: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected an op name such as read')).min(1),
    env: z.record(z.string(), z.string()).optional(),
  }),
]);

/** A whole target config file. */
export const targetConfigSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, 'expected a short name of lowercase letters, digits, ., _ and -'),
  description: z.string().min(1),
  program,
  args: z.array(nodeString),
  peers: peers.optional(),
  env: z.record(z.string(), nodeString).optional(),
  files: z.array(file).optional(),
  ready,
  nodeCounts: z.array(z.number().int().min(1).max(15)).min(1).optional(),
  faults: faults.prefault({}),
  client,
});

export type TargetConfig = z.output<typeof targetConfigSchema>;
export type ClientConfig = TargetConfig['client'];
