/**
 * The Docker engine the docker runtime talks to, through dockerode, which honours `DOCKER_HOST`
 * (`unix://…`, or `tcp://host:2376` with `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH`) as the docker CLI
 * does; `ssh://` engines are not reached (dockerode's SSH helper is not installed: see README).
 * Everything the runtime does goes through the engine API, so a remote engine works as the local one:
 * building and importing the images (their root filesystems are made on this host and streamed to
 * the engine), the network, containers, logs, kill / stop / restart / pause, partitions and loss
 * (iptables run in each node's network holder by a shell kept open there with `docker exec`) and
 * clock offsets (written by that shell into a volume the node mounts). The engine's host needs nothing beyond the engine
 * (and a kernel with netfilter, as any Docker host has). Clients dial the containers' addresses on the
 * runtime's bridge network, so with a remote engine those addresses must be routable from this host.
 */
import Docker from 'dockerode';

/** Labels on everything a run creates: the run's id, so leftovers can be found after a crash. */
export const RUN_LABEL = 'faultline.run';
/** Label on images the runtime built: the content hash they were built from. */
export const IMAGE_LABEL = 'faultline.image';
/** Label on images the runtime built: which program they run (docker-image.ts `programId`). */
export const PROGRAM_LABEL = 'faultline.program';

/** A client for the engine `DOCKER_HOST` names (the local socket when unset). */
export function engine(): Docker {
  return new Docker();
}

/** True when the engine runs on this host (DOCKER_HOST unset or a unix socket). */
export function engineIsLocal(env: NodeJS.ProcessEnv = process.env): boolean {
  const h = env.DOCKER_HOST;
  return h === undefined || h === '' || h.startsWith('unix://');
}

/** The engine's name for messages. */
export function engineName(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

/** Why the engine cannot be used (one line), or undefined when it answers. */
export async function engineMissing(d: Docker = engine()): Promise<string | undefined> {
  try {
    await Promise.race([d.ping(), new Promise((_, rej) => setTimeout(() => rej(new Error('no answer in 5 s')), 5_000).unref())]);
    return undefined;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return `the docker runtime cannot reach the Docker engine at ${engineName()} (${why}); start dockerd (apt-get install docker.io) or set DOCKER_HOST`;
  }
}

/** Whether an engine error is "no such object" (404), which teardown and cleanup take as done. */
export function notFound(e: unknown): boolean {
  return (e as { statusCode?: number }).statusCode === 404;
}

/** Whether an engine error is "not modified" (304: already started / stopped). */
export function notModified(e: unknown): boolean {
  return (e as { statusCode?: number }).statusCode === 304;
}
