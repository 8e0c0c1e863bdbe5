/**
 * The `external` runtime: a cluster already running, which faultline did not start and does not own.
 * `--runtime-opt cluster=FILE` names a cluster file (external-config.ts) listing the nodes as client
 * endpoints and, optionally, the commands that fault them. faultline runs only the target's clients
 * against those endpoints, and faults only through the user's commands, argv arrays run without a
 * shell (external-command.ts). `--nodes` must equal the number of nodes in the file.
 *
 * Before the run it waits, bounded by `ready-timeout`, until every node answers the target's
 * readiness probe (external-ready.ts). Every fault is recorded in pids.json before it is applied;
 * the teardown undoes what is still in force (heal, resume, restart, clocks back to 0), and so does
 * `faultline cleanup` after a SIGKILLed harness, from that record (external-state.ts).
 */
import { isAbsolute, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { nodeNames } from '../core/node-names.js';
import type { ClusterPlan, NodePlan, Target } from '../core/target.js';
import { COMMAND_KEYS, loadClusterFile, type ClusterFile } from './external-config.js';
import { externalCluster } from './external-cluster.js';
import { waitForExternalCluster } from './external-ready.js';
import { clusterOf, externalRefusal } from './external-refusal.js';
import { undoAll, type ExternalRecord } from './external-state.js';
import { findOnPath } from './host-program.js';
import { procIdentity, readPidRecord, writePidRecord, type PidRecord } from './pid-record.js';
import type { CleanupReport, Cluster, Runtime, RuntimeContext } from './runtime.js';
import { createLogger } from '../core/logger.js';

/** The external runtime's validated options. */
export const externalOptionsSchema = z.strictObject({
  cluster: z
    .string({ error: 'required: the cluster file (JSON or YAML) listing the nodes and fault commands' })
    .min(1)
    .describe('the cluster file (JSON or YAML): the nodes as client endpoints and the fault commands')
    .transform((file): ClusterFile => loadClusterFile(file)),
  timeout: z.coerce.number().min(0.1).max(3600).default(30).describe('seconds each fault command may run before it counts as failed'),
  'ready-timeout': z.coerce.number().min(0).max(3600).default(60).describe('seconds to wait for every node to answer before the run starts'),
});
export type ExternalOptions = z.output<typeof externalOptionsSchema>;

/** Why a command of `cluster` cannot run here (its program is not found), or undefined. */
export function missingProgram(cluster: ClusterFile): string | undefined {
  for (const key of COMMAND_KEYS) {
    const program = cluster.commands[key]?.[0];
    if (program === undefined || findOnPath(program)) continue;
    const where = isAbsolute(program) || program.includes('/') ? `${program} is not an executable file` : `${program} is not on PATH`;
    return `runtime external: ${cluster.file}: commands.${key}: ${where}; install it or give its absolute path`;
  }
  return undefined;
}

/** Why `target` cannot run on `cluster`: its clients need a peer port some node of the file lacks; or undefined. */
export function missingPeerPort(target: Target<any>, cluster: ClusterFile): string | undefined {
  if (target.peerPortService === undefined) return undefined;
  const lacking = cluster.nodes.filter((n) => n.peerPort === undefined).map((n) => n.name);
  if (lacking.length === 0) return undefined;
  const which = lacking.length === 1 ? `node ${lacking[0]} has none` : `nodes ${lacking.join(', ')} have none`;
  return `runtime external: target ${target.name} needs peer-port (where its clients reach ${target.peerPortService}) for every node in ${cluster.file} (${which})`;
}

/** `Runtime.cleanup` of the external runtime: undoes the faults the record says are in force. */
export async function cleanupExternalRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec?.external) return { dir, killed: [], files: 0, skipped: rec ? 'no external record in pids.json' : 'unreadable pids.json' };
  const ext = rec.external;
  const logger = createLogger(resolve(dir, 'cleanup.log'), 'none');
  const r = await undoAll(ext, () => writePidRecord(dir, { ...rec, external: ext }), logger);
  return { dir, killed: [], files: 0, removed: [...r.done, ...r.failed.map((f) => `FAILED ${f}`)] };
}

/** The plan of a cluster faultline did not start: n1, n2, … at the file's endpoints (and peer ports), in file order. */
export function externalPlan(cluster: ClusterFile): ClusterPlan {
  const nodes: NodePlan[] = nodeNames(cluster.nodes.length).map((name, i) => ({
    name,
    index: i,
    host: cluster.nodes[i]!.host,
    clientPort: cluster.nodes[i]!.port,
    // 0 when the file gives none: `check` has refused a target whose clients need it.
    peerPort: cluster.nodes[i]!.peerPort ?? 0,
    dataDir: '',
    logFile: '',
  }));
  return {
    nodes,
    token: `faultline-${randomBytes(4).toString('hex')}`,
    peerAddress() {
      throw new Error('runtime external: the nodes dial their peers as their own configuration says');
    },
  };
}

export const externalRuntime: Runtime = {
  name: 'external',
  description: 'a cluster already running, given as client endpoints in a cluster file; faults only through the commands the file configures',
  optionsSchema: externalOptionsSchema,
  unsupported: externalRefusal,
  cleanup: cleanupExternalRun,
  async check(target, _opts, runtimeOpts) {
    const cluster = clusterOf(runtimeOpts);
    if (!cluster) return 'runtime external needs --runtime-opt cluster=FILE (a JSON or YAML file listing the nodes and fault commands)';
    return missingPeerPort(target, cluster) ?? missingProgram(cluster);
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster> {
    const o = ctx.options as ExternalOptions | undefined;
    const missing = await this.check(target, opts, o);
    if (missing) throw new UserError(missing);
    const cluster = o!.cluster;
    if (nodeCount !== cluster.nodes.length) {
      throw new UserError(`--nodes ${nodeCount}: ${cluster.file} lists ${cluster.nodes.length} node${cluster.nodes.length === 1 ? '' : 's'}; run with --nodes ${cluster.nodes.length}`);
    }
    const plan = externalPlan(cluster);
    const nodes = plan.nodes;
    const ext: ExternalRecord = { cluster, timeoutMs: Math.round(o!.timeout * 1000), down: {}, clocks: {} };
    const record: PidRecord = { runtime: 'external', harness: process.pid, harnessIdentity: procIdentity(process.pid), nodes: [], procs: [], files: [], external: ext };
    const save = () => writePidRecord(ctx.runDir, record);
    save();
    ctx.logger.info(`external cluster ${cluster.file}: ${nodes.map((n, i) => `${n.name}=${cluster.nodes[i]!.name}@${n.host}:${n.clientPort}`).join(', ')}`);
    const c = externalCluster({ cluster, plan, rec: ext, save, logger: ctx.logger });
    await waitForExternalCluster({ target, opts, nodes: c.nodes, fileNodes: cluster.nodes, file: cluster.file, timeoutMs: o!['ready-timeout'] * 1000, signal: ctx.signal });
    return c;
  },
};
