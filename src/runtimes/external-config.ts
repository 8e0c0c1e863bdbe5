/**
 * The external runtime's cluster file (`--runtime-opt cluster=FILE`, JSON or YAML): the nodes of a
 * cluster faultline did not start, as client endpoints (and, for targets whose clients also reach a
 * service beside each node, that service's `peer-port`), and the commands (argv arrays, never shell
 * strings) that fault them. Which placeholders a command may hold, and how each expands, is decided
 * here (see `PLACEHOLDERS` and external-placeholders.ts); every mistake — a missing field, an
 * unknown placeholder, a fault without its undo — is one `UserError` naming file:line and field.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadConfigFile } from '../core/config-file.js';
import { placeholdersIn } from './external-placeholders.js';

/** The fault commands a cluster file may configure. */
export const COMMAND_KEYS = ['partition', 'heal', 'kill', 'restart', 'stop', 'pause', 'resume', 'clock'] as const;
export type CommandKey = (typeof COMMAND_KEYS)[number];

/** Placeholders that stand for one node: the node the command acts on. */
const NODE = ['node', 'host', 'port'];
/** Placeholders every command may hold: every node, each its own argument. */
const ALL = ['nodes', 'hosts'];

/** The placeholders each command may hold. */
export const PLACEHOLDERS: Record<CommandKey, readonly string[]> = {
  partition: [...NODE, ...ALL, 'grudge', 'from', 'fromHost', 'to', 'toHost', 'peers', 'peerHosts'],
  heal: [...NODE, ...ALL, 'grudge'],
  kill: [...NODE, ...ALL],
  restart: [...NODE, ...ALL],
  stop: [...NODE, ...ALL],
  pause: [...NODE, ...ALL],
  resume: [...NODE, ...ALL],
  clock: [...NODE, ...ALL, 'offsetMs'],
};

/** Placeholders that expand to several arguments: each must be a whole argument. */
export const LIST_PLACEHOLDERS = ['nodes', 'hosts', 'peers', 'peerHosts'];

/** Each fault's commands must come with the command that undoes it. */
const PAIRS: ReadonlyArray<[CommandKey, CommandKey]> = [
  ['kill', 'restart'],
  ['stop', 'restart'],
  ['pause', 'resume'],
  ['partition', 'heal'],
];

const name = z.string().min(1, 'expected a non-empty name');

const portNumber = z.number().int().min(1).max(65535);

const nodeSchema = z.strictObject({
  name: name.optional(),
  host: z.string().min(1),
  port: portNumber,
  /** Where the target's clients reach a service beside the node on `host` (Redis: its Sentinel). */
  'peer-port': portNumber.optional(),
});

/** A command: its program and arguments (YAML reads `-9` as a number: numbers are taken as their text). */
const argv = z.array(z.union([z.string(), z.number().transform(String)])).min(1, 'expected a command: an array of its program and arguments');

function checkArgv(key: CommandKey, args: readonly string[], ctx: z.RefinementCtx): void {
  if (placeholdersIn(args[0]!).length > 0) ctx.addIssue({ code: 'custom', path: ['commands', key, 0], message: 'the program may not hold a placeholder' });
  args.forEach((a, i) => {
    for (const p of placeholdersIn(a)) {
      if (!PLACEHOLDERS[key].includes(p)) {
        ctx.addIssue({ code: 'custom', path: ['commands', key, i], message: `unknown placeholder {${p}} (a ${key} command may hold ${PLACEHOLDERS[key].map((x) => `{${x}}`).join(', ')})` });
      } else if (LIST_PLACEHOLDERS.includes(p) && a !== `{${p}}`) {
        ctx.addIssue({ code: 'custom', path: ['commands', key, i], message: `{${p}} expands to several arguments, so it must be a whole argument, not part of ${JSON.stringify(a)}` });
      }
    }
  });
  const has = (ps: string[]) => args.some((a) => placeholdersIn(a).some((p) => ps.includes(p)));
  if (!['partition', 'heal'].includes(key) && !has(NODE)) {
    ctx.addIssue({ code: 'custom', path: ['commands', key], message: `a ${key} command acts on one node, so it must hold {node}, {host} or {port}` });
  }
  if (key === 'partition' && has(['from', 'fromHost', 'to', 'toHost']) && has(['peers', 'peerHosts'])) {
    ctx.addIssue({ code: 'custom', path: ['commands', key], message: 'a partition command runs per cut link ({from}, {to}) or per node ({peers}), not both' });
  }
}

/** The cluster file's schema. */
export const clusterFileSchema = z
  .strictObject({
    nodes: z.array(nodeSchema).min(1, 'expected at least one node'),
    commands: z
      .strictObject(Object.fromEntries(COMMAND_KEYS.map((k) => [k, argv.optional()])) as Record<CommandKey, z.ZodOptional<typeof argv>>, {
        error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown command ${iss.keys.join(', ')} (known: ${COMMAND_KEYS.join(', ')})` : undefined),
      })
      .default({}),
  })
  .superRefine((f, ctx) => {
    const names = f.nodes.map((n, i) => n.name ?? `n${i + 1}`);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `${n} is named twice` });
    });
    f.nodes.forEach((n, i) => {
      if (n['peer-port'] === n.port) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'peer-port'], message: `${n.port} is the node's client port too; peer-port is the port of a service beside it (Redis: its Sentinel)` });
    });
    for (const key of COMMAND_KEYS) if (f.commands[key]) checkArgv(key, f.commands[key], ctx);
    for (const [fault, undo] of PAIRS) {
      if (f.commands[fault] && !f.commands[undo]) ctx.addIssue({ code: 'custom', path: ['commands', fault], message: `needs a \`${undo}\` command too (faultline must be able to undo a ${fault})` });
    }
  });

/** One node of the file, with its name filled in (`n<i>` when not given). */
export interface ExternalNode {
  name: string;
  host: string;
  port: number;
  /**
   * `peer-port`: where the target's clients reach a service beside the node, on the same host (Redis:
   * its Sentinel); faultline's `NodeRef.peerPort`. Absent when the file gives none.
   */
  peerPort?: number;
}

/** A validated cluster file. */
export interface ClusterFile {
  /** The file, as an absolute path. */
  file: string;
  nodes: ExternalNode[];
  commands: Partial<Record<CommandKey, string[]>>;
}

/** Reads and validates a cluster file; a bad one is a `UserError` naming file:line and field. */
export function loadClusterFile(file: string): ClusterFile {
  const f = loadConfigFile(file, clusterFileSchema);
  return {
    file: resolve(file),
    nodes: f.nodes.map((n, i) => ({ name: n.name ?? `n${i + 1}`, host: n.host, port: n.port, ...(n['peer-port'] === undefined ? {} : { peerPort: n['peer-port'] }) })),
    commands: Object.fromEntries(Object.entries(f.commands).filter(([, v]) => v !== undefined)) as ClusterFile['commands'],
  };
}
