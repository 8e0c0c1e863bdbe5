/**
 * The `docker` runtime: every node is a container on a bridge network the runtime creates, with an
 * address of its own (docker-net.ts), so all nodes use the same ports and peers dial each other
 * directly; clients on this host reach the containers at those addresses. The image is built on this
 * host from the target's program and imported through the engine (docker-image.ts, reused by content
 * hash), or named by the user (`--runtime-opt image=NAME`). Node logs are streamed into the run's
 * `nodes/<name>.log`. Each node's network namespace belongs to a small holder container beside it
 * (docker-node.ts), so a killed node's address stays and its port refuses connections. Abilities, all
 * through the engine API so that a remote engine (DOCKER_HOST) works the same: kill -9 / graceful
 * stop / restart with data kept / pause; partitions (every grudge, one-way included) and loss as
 * iptables rules run in the holder by a shell kept open in it on the engine (docker-shell.ts; the
 * holder image carries this host's iptables and has NET_ADMIN, the node's image needs no tool or
 * capability); clock offsets for targets that read an offset file (docker-clock.ts: a volume of the
 * holder's that the node mounts). A node's sidecars (`NodeSpec.sidecars`, Redis Sentinel) run each in
 * a container of its own from the node's image (the same program with its own args) in the node's
 * holder's namespace, started after the node, untouched by its faults (docker-cluster.ts). Everything
 * is in pids.json before it exists (docker-record.ts);
 * teardown and `faultline cleanup` (docker-cleanup.ts) remove it.
 *
 * The content-hashed images (the nodes' and the holders') are kept by default (`keep-image=true`):
 * they are made only of files from this host, are reused by the next run with the same program (a
 * start without a build), and a changed program gets a new tag; `keep-image=false` removes the
 * images a run built. Building a new image of a target removes that target's older ones (not in use),
 * so rebuilt programs do not pile up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { nodeNames } from '../core/node-names.js';
import { boolOpt } from '../core/options.js';
import type { Target } from '../core/target.js';
import { cleanupDockerRun } from './docker-cleanup.js';
import { DockerCluster } from './docker-cluster.js';
import { engine, engineIsLocal, engineMissing, engineName } from './docker-engine.js';
import { dockerRefusal } from './docker-faults.js';
import { buildImage, imageExists, imageTag, pruneOlderImages } from './docker-image.js';
import { claimImage, runTag } from './docker-image-claim.js';
import { createNetwork } from './docker-net.js';
import { CLOCK_DIR, nodePlanner } from './docker-plan.js';
import { directPeers } from './direct-peers.js';
import { ContainerNode } from './docker-node.js';
import { sidecarLogFile, sidecarName } from './local-sidecars.js';
import { rootfsFor } from './docker-rootfs.js';
import { holderRootfs, holderTool } from './docker-holder-rootfs.js';
import { ContainerShell, shellPool } from './docker-shell.js';
import { shellCommand } from './ssh-quote.js';
import { hostCommand, hostProgramMissing } from './host-program.js';
import { installChains, iptablesNetworkAbilities, type NetHost } from './iptables-faults.js';
import { containerClockAbility } from './docker-clock.js';
import { procIdentity } from './pid-record.js';
import { waitUntilReady } from './readiness.js';
import type { Cluster, Runtime, RuntimeContext } from './runtime.js';

const RTO_MAX = '/proc/sys/net/ipv4/tcp_rto_max_ms';

export const dockerOptionsSchema = z.strictObject({
  image: z.string().min(1).optional().describe('run this existing image instead of building one (it must hold the program at the same path as on this host)'),
  'keep-image': boolOpt(true).describe('keep the image a run built (tagged by content hash) for the next run; false removes it at teardown'),
});
export type DockerOptions = z.infer<typeof dockerOptionsSchema>;

const KERNEL_FAULTS = new Set(['partition', 'link', 'link-loss']);

export const dockerRuntime: Runtime = {
  name: 'docker',
  description: 'each node a container on a bridge network (dockerode, honours DOCKER_HOST); image built from the program; partitions and loss as iptables rules run in each node\'s network holder through the engine, so a remote engine works too',
  optionsSchema: dockerOptionsSchema,
  unsupported: (fault, target) => dockerRefusal(fault, target),
  cleanup: (dir) => cleanupDockerRun(dir),
  async check(target, opts, runtimeOpts) {
    const o = dockerOptionsSchema.parse(runtimeOpts ?? {});
    const missing = await engineMissing();
    if (missing) return missing;
    return o.image ? undefined : hostProgramMissing(target.name, target.program(opts));
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster> {
    const o = dockerOptionsSchema.parse(ctx.options ?? {});
    const missing = await this.check(target, opts, o);
    if (missing) throw new UserError(missing);
    const faults = ctx.faults ?? ['partition', 'link', 'link-loss', 'kill', 'stop', 'pause', 'clock'];
    const local = engineIsLocal();
    const kernelFaults = faults.some((f) => KERNEL_FAULTS.has(f));
    const holderFs = holderRootfs();
    if (kernelFaults && !holderFs.tools.iptables) throw new UserError('the docker runtime applies partitions and loss with this host\'s iptables, copied into its network holder image, which is missing (apt-get install iptables)');
    const clock = faults.includes('clock') && dockerRefusal('clock', target) === undefined;
    const runDir = resolve(ctx.runDir);
    const names = nodeNames(nodeCount);
    const planOf = nodePlanner(runDir, clock);
    const d = engine();
    const run = randomBytes(4).toString('hex');
    const network = `faultline-${run}`;
    const containers = names.map((n) => `faultline-${run}-${n}`);
    const holders = names.map((n) => `faultline-${run}-${n}-net`);
    const program = target.program(opts);
    const rootfs = o.image ? undefined : rootfsFor(program);
    const image = o.image ?? imageTag(target.name, rootfs!);
    if (o.image && !(await imageExists(d, image))) throw new UserError(`--runtime-opt image=${image}: no such image on the Docker engine at ${engineName()}`);
    const holderImage = imageTag('holder', holderFs);
    // Built images are claimed under the run's own tags (docker-image-claim.ts); a given image is the user's.
    const wanted = [...(rootfs ? [{ tag: image, fs: rootfs, claim: runTag(run, target.name) }] : []), { tag: holderImage, fs: holderFs, claim: runTag(run, 'holder') }];
    const builds = [];
    for (const w of wanted) if (!(await imageExists(d, w.tag))) builds.push(w);
    // A given image must hold the program where this host has it (or a binary on the image's PATH).
    const hc = hostCommand(program, { args: [] });
    const command = rootfs?.command ?? [hc.command, ...hc.args];
    mkdirSync(join(runDir, 'nodes'), { recursive: true });
    const cluster = new DockerCluster(d, { nodes: [], token: `faultline-${run}`, peerAddress: () => ({ host: '', port: 0 }) }, {
      runtime: 'docker', harness: process.pid, harnessIdentity: procIdentity(process.pid), nodes: [], procs: [],
      files: [],
      docker: { engine: engineName(), run, network, containers: [...containers, ...holders], image, removeImages: [...wanted.map((w) => w.claim), ...(o['keep-image'] ? [] : builds.map((b) => b.tag))] },
    }, ctx);
    try {
      for (const w of wanted) {
        await claimImage(d, w.tag, w.claim, async () => {
          const t = Date.now();
          await buildImage(d, w.tag, w.fs);
          ctx.logger.info(`built image ${w.tag} in ${Date.now() - t} ms`);
          const pruned = await pruneOlderImages(d, w.tag.split(':')[0]!, w.tag, w.fs);
          if (pruned.length > 0) ctx.logger.info(`removed older images ${pruned.join(', ')}`);
        });
      }
      ctx.logger.info(`nodes run image ${image}`);
      let t0 = Date.now();
      /** Logs how long the step since the last call took: where startup time goes on a busy engine. */
      const took = (what: string) => {
        ctx.logger.info(`${what} in ${Date.now() - t0} ms`);
        t0 = Date.now();
      };
      const addresses = await createNetwork(d, network, run, nodeCount);
      took(`network ${network} created`);
      const nodes = names.map((n, i) => planOf(n, i, addresses[i]!));
      const byName = new Map(nodes.map((n) => [n.name, n]));
      cluster.plan.nodes.push(...nodes);
      cluster.plan.peerAddress = directPeers(nodes);
      cluster.nodes.push(...nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort, peerPort: n.peerPort })));
      for (const [i, node] of nodes.entries()) {
        const spec = target.nodeSpec(node, cluster.plan, opts);
        const c = new ContainerNode(d, {
          node: node.name, container: containers[i]!, holder: holders[i]!, holderImage: runTag(run, 'holder'), holderCommand: holderFs.command, image: rootfs ? runTag(run, target.name) : image, command: [...command, ...spec.args],
          env: spec.env, cwd: spec.cwd ?? '/data', address: node.host, network, runId: run, dataDir: node.dataDir, files: spec.files ?? [], logFile: node.logFile,
          ...(clock ? { clockDir: CLOCK_DIR } : {}),
          holderCapAdd: kernelFaults ? ['NET_ADMIN'] : [],
          sysctls: local && existsSync(RTO_MAX) ? { 'net.ipv4.tcp_rto_max_ms': '1000' } : {},
        }, (code) => cluster.exitedByItself(node.name, code));
        cluster.containers.set(node.name, c);
        for (const sc of spec.sidecars ?? []) {
          const name = sidecarName(node.name, sc.name);
          const container = `${containers[i]!}-sidecar-${sc.name}`;
          const log = sidecarLogFile(node, sc.name);
          const cwd = sc.cwd ?? '/data';
          cluster.updateRecord((r) => r.docker!.containers.push(container));
          cluster.sidecars.set(name, new ContainerNode(d, {
            ...c.spec, container, sidecar: sc.name, command: [...command, ...sc.args], env: sc.env, cwd, dataDir: cwd, files: sc.files ?? [], logFile: log, clockDir: undefined,
          }, (code) => cluster.exitedByItself(name, code, log)));
        }
      }
      const all = [...cluster.containers.values()];
      await Promise.all(all.map((c) => c.startHolder()));
      took('network holders started');
      // Fault commands run in each holder through a shell kept open on the engine (docker-shell.ts).
      const shellOf = shellPool((name) => ContainerShell.open(d, cluster.node(name).holder, holderFs.tools.sh));
      if (clock) {
        // Each node's offset file is on its holder's volume, which the node's container mounts too.
        const files = new Map(nodes.map((n) => [n.name, n.clockOffsetFile!]));
        const ability = containerClockAbility(shellOf, holderFs.tools.mv, files, ctx.logger);
        await ability.resetClocks();
        Object.assign(cluster, ability);
      }
      if (kernelFaults) {
        // The namespaces are the holders', which live as long as the cluster: the rules go in once.
        const hosts: NetHost[] = nodes.map((n) => {
          const c = cluster.node(n.name);
          const exec: NetHost['exec'] = async (cmd, args, input) => (await shellOf(n.name)).run(shellCommand([holderTool(holderFs.tools, cmd), ...args]), input);
          return { name: n.name, address: n.host, live: () => c.netPid !== undefined, exec };
        });
        await installChains(hosts);
        took('fault chains installed');
        const { reinstall: _, ...abilities } = iptablesNetworkAbilities(hosts, ctx.logger);
        Object.assign(cluster, abilities);
      }
      await Promise.all([...all, ...cluster.sidecars.values()].map((c) => c.create()));
      took('node containers created, files in place');
      await Promise.all(names.map((n) => cluster.start(n)));
      await Promise.all([...cluster.sidecars.keys()].map((n) => cluster.startSidecar(n)));
      took('nodes started');
      ctx.logger.info(`network ${network}: ${nodes.map((n) => `${n.name}=${n.host}`).join(', ')}`);
      await waitUntilReady({
        target, opts, nodes: cluster.nodes, timeoutMs: 60_000, signal: ctx.signal,
        exitedEarly: (name) => (cluster.node(name).running ? undefined : `node ${name} exited during startup; see ${byName.get(name)!.logFile}`),
      });
    } catch (e) {
      await cluster.teardown();
      throw e;
    }
    return cluster;
  },
};
