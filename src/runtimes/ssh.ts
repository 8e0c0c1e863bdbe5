/**
 * The `ssh` runtime: nodes are existing hosts reached over SSH (`--runtime-opt hosts=h1,h2,h3`, one
 * per node), through the system ssh client with connection multiplexing and one command channel per
 * host (ssh-conn.ts and ssh-shell.ts say why). The target's program must be on the hosts (a binary,
 * checked with `command -v`), or is uploaded (a Node script of this package, with what it imports,
 * cached by content hash: ssh-upload.ts) and run with the hosts' `node`. Each node runs detached on
 * its host in the run's remote directory (ssh-node.ts), its log followed into the run's
 * `nodes/<name>.log`; clients reach the nodes from the harness at the hosts' addresses.
 *
 * Abilities: kill -9 / graceful stop / restart with data kept, pause / resume (ssh-cluster.ts);
 * partitions of every grudge, one-way included, and random packet loss as iptables rules on the hosts
 * (iptables-faults.ts, commands run over ssh, with `sudo -n` when asked), with per-link packet
 * counters; clock offsets for targets that read an offset file (ssh-clock.ts). What it cannot do is
 * refused up front (ssh-faults.ts). Everything it creates is named in pids.json before it exists, and
 * teardown and `faultline cleanup` remove it (ssh-cleanup.ts), the uploaded program cache excepted.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { nodeNames } from '../core/node-names.js';
import type { ClusterPlan, NodePlan, Target } from '../core/target.js';
import { compiledPath, packageRoot } from '../core/paths.js';
import { findOnPath } from './host-program.js';
import { installChains, iptablesNetworkAbilities, type NetHost } from './iptables-faults.js';
import type { Cluster, FaultKind, Runtime, RuntimeContext } from './runtime.js';
import { remoteClockAbility, writeRemoteOffset } from './ssh-clock.js';
import { cleanupSshRun, connect, iptablesCommand, rootPrefix } from './ssh-cleanup.js';
import { SshCluster } from './ssh-cluster.js';
import { addressOf, hostsMissing, withHosts } from './ssh-check.js';
import { sshClientArgs } from './ssh-conn.js';
import { sshRefusal } from './ssh-faults.js';
import { sshOptionsSchema, type SshOptions } from './ssh-options.js';
import { shellCommand } from './ssh-quote.js';
import { programLayout, uploadProgram } from './ssh-upload.js';
import { directPeers } from './direct-peers.js';

const CLIENT_PORT = 7000;
const PEER_PORT = 7001;
const NO_HOSTS = 'the ssh runtime needs --runtime-opt hosts=h1,h2,h3 (one [user@]host[:port] per node)';
const NETWORK_FAULTS: readonly FaultKind[] = ['partition', 'link', 'link-loss'];

/** The options the runtime was given (validated with its schema before they arrive), or a one-line error. */
function optionsOf(given: unknown): SshOptions {
  if (given === undefined) throw new UserError(NO_HOSTS);
  return given as SshOptions;
}

export const sshRuntime: Runtime = {
  name: 'ssh',
  description: 'each node on an existing host reached over SSH (--runtime-opt hosts=h1,h2,h3); partitions and loss as iptables rules there',
  optionsSchema: sshOptionsSchema,
  unsupported: sshRefusal,
  cleanup: cleanupSshRun,
  async check(target, opts, runtimeOpts) {
    if (!findOnPath('ssh')) return 'the ssh runtime needs the ssh client (apt-get install openssh-client)';
    if (runtimeOpts === undefined) return NO_HOSTS;
    return withHosts(optionsOf(runtimeOpts), (hosts) => hostsMissing(hosts, target, opts));
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster> {
    const o = optionsOf(ctx.options);
    if (o.hosts.length !== nodeCount) throw new UserError(`--runtime-opt hosts names ${o.hosts.length} hosts, but the run has ${nodeCount} nodes (one host per node)`);
    const runDir = resolve(ctx.runDir);
    const controlDir = mkdtempSync(join(tmpdir(), 'fl-ssh-'));
    const hosts = connect({ options: o }, controlDir);
    const clientArgs = sshClientArgs(o, controlDir);
    let addresses: string[];
    try {
      const missing = await hostsMissing(hosts, target, opts);
      if (missing) throw new UserError(missing);
      addresses = await Promise.all(o.hosts.map((t) => addressOf(t, clientArgs)));
    } catch (e) {
      await Promise.all(hosts.map((h) => h.close()));
      rmSync(controlDir, { recursive: true, force: true });
      throw e;
    }
    const remoteRun = `${o['work-dir']}/runs/${randomBytes(6).toString('hex')}`;
    const clock = sshRefusal('clock', target) === undefined;
    mkdirSync(join(runDir, 'nodes'), { recursive: true });
    const nodes: NodePlan[] = nodeNames(nodeCount).map((name, i) => ({
      name,
      index: i,
      host: addresses[i]!,
      clientPort: CLIENT_PORT,
      peerPort: PEER_PORT,
      dataDir: `${remoteRun}/${name}/data`,
      logFile: join(runDir, 'nodes', `${name}.log`),
      ...(clock ? { clockOffsetFile: `${remoteRun}/${name}/${name}.clock-offset-ms` } : {}),
    }));
    const plan: ClusterPlan = { nodes, token: `faultline-${randomBytes(4).toString('hex')}`, peerAddress: directPeers(nodes) };
    const program = target.program(opts);
    const layout = program.kind === 'node-script' ? programLayout(program.script, o['work-dir']) : undefined;
    const command = program.kind === 'binary' ? [program.name] : ['node', `${layout!.dir}/${compiledPath(program.script).slice(packageRoot().length + 1)}`];
    const cluster = new SshCluster({ plan, target, opts, ctx, hosts, command, controlDir, record: { options: o, runDir: remoteRun, chains: [], controlDir, procs: [] } });
    try {
      if (layout) {
        const fresh = await Promise.all(hosts.map((h) => uploadProgram(h, layout)));
        ctx.logger.info(`program ${layout.dir}: ${fresh.some(Boolean) ? `uploaded (${layout.files.length} files)` : 'already on every host'}`);
      }
      if (clock) await Promise.all(nodes.map((n) => hosts[n.index]!.sh(`mkdir -p ${shellCommand([`${remoteRun}/${n.name}`])}`).then(() => writeRemoteOffset(hosts[n.index]!, n.clockOffsetFile!, 0))));
      if ((ctx.faults ?? NETWORK_FAULTS).some((f) => NETWORK_FAULTS.includes(f))) {
        const ipt = iptablesCommand(o.sudo);
        const net: NetHost[] = nodes.map((n) => ({ name: n.name, address: n.host, exec: (cmd, args, input) => hosts[n.index]!.sh(`${rootPrefix(o.sudo)} ${shellCommand([cmd, ...args])}`, input) }));
        for (const [i, h] of hosts.entries()) {
          if ((await h.try(`${ipt} -S FLCUT`)).code === 0) throw new UserError(`${h.label} already has faultline's iptables chains (another run on it, or one not cleaned up: run \`faultline cleanup\`)`);
          if ((await h.try(`${ipt} -S INPUT`)).code !== 0) throw new UserError(`cannot run iptables on ${h.label}${o.sudo ? ' with sudo -n' : ''}; install it there (sudo apt-get install iptables) and log in as root${o.sudo ? ' or allow sudo without a password' : ', or use --runtime-opt sudo=true'}`);
          cluster.updateRecord((r) => r.chains.push(i));
        }
        await installChains(net);
        Object.assign(cluster, iptablesNetworkAbilities(net, ctx.logger));
      }
      if (clock) Object.assign(cluster, remoteClockAbility(new Map(nodes.map((n) => [n.name, { host: hosts[n.index]!, file: n.clockOffsetFile! }])), ctx.logger));
      ctx.logger.info(`hosts: ${nodes.map((n) => `${n.name}=${hosts[n.index]!.label} (${n.host})`).join(', ')}; remote run directory ${remoteRun}`);
      await cluster.startAll(60_000);
    } catch (e) {
      await cluster.teardown();
      throw e;
    }
    return cluster;
  },
};
