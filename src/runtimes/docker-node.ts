/**
 * One node as two containers: a network holder (the holder image's `sleep infinity`) that owns the
 * node's address on the run's network and its network namespace, and the node's own container,
 * which joins that namespace (`NetworkMode: container:<holder>`) — as in a Kubernetes pod. The holder
 * alone gets NET_ADMIN when fault rules go into the namespace (run in it with `docker exec`), and has
 * the clock offset volume the node's container mounts too (`VolumesFrom`) when clocks are skewed. The node
 * container is created with its command, env and labels, its `NodeSpec` files
 * (and its data directory) put in place through the engine before its first start (`putArchive`
 * into the created container), started with its output attached and appended to the run's
 * `nodes/<name>.log` on this host, watched until it stops (`wait`). Kill -9 and graceful stop go
 * through the engine; a restart starts the same container again, whose writable layer keeps the
 * data. A stop the harness did not ask for is reported through `onExit`.
 *
 * A node's sidecar (`NodeSpec.sidecars`, e.g. Redis Sentinel) is a `ContainerNode` too, whose spec
 * names the sidecar: a container of its own from the node's image, in the same holder's namespace (so
 * at the node's address), with its own files, command and log; it never starts or removes the holder.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type Docker from 'dockerode';
import { notFound, notModified, RUN_LABEL } from './docker-engine.js';
import { filesArchive, type ContainerSpec } from './docker-node-spec.js';

export type { ContainerSpec } from './docker-node-spec.js';

/** A node's container. */
export class ContainerNode {
  readonly container: Docker.Container;
  readonly holder: Docker.Container;
  /** True from a start until the container is seen stopped. */
  running = false;
  /** The node's main process on the engine's host, while it runs. */
  pid?: number;
  /** The holder's process on the engine's host, whose network namespace is the node's; set once it runs. */
  netPid?: number;
  /** Resolves when the current run of the container ends. */
  exited: Promise<void> = Promise.resolve();
  /** Set while the harness itself stops the container (kill, stop, teardown). */
  private expected = false;
  private log?: WriteStream;

  constructor(
    private readonly d: Docker,
    readonly spec: ContainerSpec,
    private readonly onExit: (code: number) => void,
  ) {
    this.container = d.getContainer(spec.container);
    this.holder = d.getContainer(spec.holder);
  }

  /** Creates and starts the network holder; resolves with its PID (the namespace's). */
  async startHolder(): Promise<number> {
    const s = this.spec;
    await this.d.createContainer({
      name: s.holder,
      Hostname: s.node,
      Image: s.holderImage,
      Entrypoint: [s.holderCommand[0]!],
      Cmd: s.holderCommand.slice(1),
      Labels: { [RUN_LABEL]: s.runId, 'faultline.node': s.node, 'faultline.role': 'network' },
      HostConfig: {
        NetworkMode: s.network,
        Sysctls: s.sysctls ?? {},
        CapAdd: s.holderCapAdd ?? [],
        // An anonymous volume (removed with the holder), labelled so that cleanup finds it too.
        Mounts: s.clockDir ? [{ Type: 'volume', Source: '', Target: s.clockDir, VolumeOptions: { NoCopy: false, Labels: { [RUN_LABEL]: s.runId }, DriverConfig: { Name: 'local', Options: {} } } }] : [],
      },
      NetworkingConfig: { EndpointsConfig: { [s.network]: { IPAMConfig: { IPv4Address: s.address } } } },
    });
    await this.holder.start();
    this.netPid = (await this.holder.inspect()).State.Pid;
    return this.netPid;
  }

  /** Creates the node's container in the holder's namespace and puts its files in place (not started). */
  async create(): Promise<void> {
    const s = this.spec;
    await this.d.createContainer({
      name: s.container,
      Image: s.image,
      Entrypoint: [s.command[0]!],
      Cmd: s.command.slice(1),
      Env: Object.entries(s.env ?? {}).map(([k, v]) => `${k}=${v}`),
      WorkingDir: s.cwd,
      Labels: { [RUN_LABEL]: s.runId, 'faultline.node': s.node, ...(s.sidecar ? { 'faultline.role': 'sidecar', 'faultline.sidecar': s.sidecar } : {}) },
      HostConfig: { NetworkMode: `container:${s.holder}`, VolumesFrom: s.clockDir ? [s.holder] : [] },
    });
    const archive = filesArchive(s);
    try {
      await this.container.putArchive(archive, { path: '/' });
    } finally {
      archive.cleanup();
    }
  }

  /** Starts the container (output appended to its log); resolves with its main process's PID. */
  async start(): Promise<number> {
    this.log ??= createWriteStream(this.spec.logFile, { flags: 'a' });
    const out = await this.container.attach({ stream: true, stdout: true, stderr: true });
    this.d.modem.demuxStream(out, this.log, this.log);
    this.expected = false;
    try {
      await this.container.start();
    } catch (e) {
      if (!notModified(e)) throw e;
    }
    const info = await this.container.inspect();
    this.running = info.State.Running;
    this.pid = info.State.Pid;
    this.exited = this.container.wait({ condition: 'not-running' }).then(
      (r: { StatusCode?: number }) => this.stopped(r.StatusCode ?? -1),
      () => this.stopped(-1),
    );
    return this.pid;
  }

  private stopped(code: number): void {
    this.running = false;
    this.pid = undefined;
    if (!this.expected) this.onExit(code);
  }

  /** kill -9; resolves once it is down. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expected = true;
    await this.ignoreGone(() => this.container.kill({ signal: 'SIGKILL' }));
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceS` seconds; resolves once it is down. */
  async stop(graceS: number): Promise<void> {
    if (!this.running) return;
    this.expected = true;
    await this.ignoreGone(() => this.container.stop({ t: graceS }));
    await this.exited;
  }

  async pause(): Promise<void> {
    if (this.running) await this.container.pause();
  }

  async unpause(): Promise<void> {
    if (this.running) await this.ignoreGone(() => this.container.unpause());
  }

  /** Removes the node's container, then its holder (running or not; a sidecar leaves it), and closes its log. */
  async remove(): Promise<void> {
    this.expected = true;
    await this.ignoreGone(() => this.container.remove({ force: true, v: true }));
    if (!this.spec.sidecar) {
      this.netPid = undefined;
      await this.ignoreGone(() => this.holder.remove({ force: true, v: true }));
    }
    this.log?.end();
  }

  private async ignoreGone(f: () => Promise<unknown>): Promise<void> {
    try {
      await f();
    } catch (e) {
      if (!notFound(e) && !notModified(e) && !/is not (running|paused)/.test(String((e as Error).message))) throw e;
    }
  }
}
