/**
 * The docker runtime's crash cleanup: what a harness killed with SIGKILL left of a docker run. Its
 * pids.json names the containers (nodes and their network holders), the network and (when not kept)
 * the images; the engine is also asked for anything labelled with the run's id (containers, the
 * holders' clock volumes, the network), so a container created after the record was last read is
 * found too. Containers go first (with their volumes), then any labelled volume left, the network,
 * the image; then the node processes still alive (none, normally: they went with their containers)
 * and the run's files.
 */
import type Docker from 'dockerode';
import { engine, engineName, notFound, RUN_LABEL } from './docker-engine.js';
import { removeImage } from './docker-image.js';
import { cleanupHostProcesses } from './local-cleanup.js';
import { readPidRecord } from './pid-record.js';
import type { CleanupReport } from './runtime.js';

/** Removes `f`'s object, true when it was there. */
async function gone(f: () => Promise<unknown>): Promise<boolean> {
  try {
    await f();
    return true;
  } catch (e) {
    if (notFound(e)) return false;
    throw e;
  }
}

/** `Runtime.cleanup` of the docker runtime. */
export async function cleanupDockerRun(dir: string, d: Docker = engine()): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec) return { dir, killed: [], files: 0, skipped: 'unreadable pids.json' };
  const r = rec.docker;
  if (!r) return cleanupHostProcesses(dir, rec);
  if (r.engine !== engineName()) return { dir, killed: [], files: 0, skipped: `the run used the Docker engine at ${r.engine}; set DOCKER_HOST to it` };
  const filter = { label: [`${RUN_LABEL}=${r.run}`] };
  const removed: string[] = [];
  const labelled = (await d.listContainers({ all: true, filters: filter })).map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
  for (const name of new Set([...r.containers, ...labelled])) {
    if (await gone(() => d.getContainer(name).remove({ force: true, v: true }))) removed.push(`container ${name}`);
  }
  // The holders' clock volumes go with them (`v`); one left by an interrupted removal goes here.
  for (const v of (await d.listVolumes({ filters: filter })).Volumes ?? []) {
    if (await gone(() => d.getVolume(v.Name).remove())) removed.push(`volume ${v.Name}`);
  }
  const networks = (await d.listNetworks({ filters: filter })).map((n) => n.Name);
  for (const name of new Set([r.network, ...networks])) {
    if (await gone(() => d.getNetwork(name).remove())) removed.push(`network ${name}`);
  }
  for (const image of r.removeImages ?? []) if (await removeImage(d, image)) removed.push(`image ${image}`);
  const report = await cleanupHostProcesses(dir, rec);
  return { ...report, removed: [...(report.removed ?? []), ...removed] };
}
