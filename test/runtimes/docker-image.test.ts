/**
 * The docker runtime's images: a node image is built from the program once and reused by the next run
 * with the same program (same content hash: no build, same image ID); `keep-image=false` removes only
 * an image the run built itself; `--runtime-opt image=NAME` runs a given image and builds nothing.
 * A new build of the same program (same path, new content) removes its older images, not those of another copy. Each case starts a 1-node etcd whose binary is a copy at a path of this test's own, so its image is
 * new to the engine; everything is removed in afterAll, pass or fail.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { engine } from '../../src/runtimes/docker-engine.js';
import { buildImage, imageTag } from '../../src/runtimes/docker-image.js';
import { rootfsFor } from '../../src/runtimes/docker-rootfs.js';
import { findOnPath } from '../../src/runtimes/host-program.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { etcdOptionsSchema, etcdProgram, etcdTarget } from '../../targets/etcd/index.js';
import { imagePresent } from '../support/docker.js';
import { describeWith, dockerFacilities, etcdFacility } from '../support/facility.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-docker-image-'));
const images: string[] = [];
afterAll(() => {
  for (const i of images) if (imagePresent(i)) execFileSync('docker', ['rmi', i], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
});

const imageId = (name: string) => execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', name], { encoding: 'utf8' }).trim();

/** Starts and tears down a 1-node etcd under docker with `options`; resolves with what it logged and the image its container ran. */
async function once(binary: string, options: Record<string, string>): Promise<{ log: string[]; ran: string; ranId: string; image: string }> {
  const log: string[] = [];
  const logger: Logger = { info: (m: string) => void log.push(m), warn: (m: string) => void log.push(m) };
  const runDir = mkdtempSync(join(dir, 'run-'));
  const opts = etcdOptionsSchema.parse({ binary });
  const cluster = await dockerRuntime.setup(etcdTarget, opts, 1, { runDir, logger, faults: ['kill'], options: dockerRuntime.optionsSchema!.parse(options) });
  const rec = readPidRecord(runDir)!.docker!;
  let ran: string;
  let ranId: string;
  try {
    [ran, ranId] = execFileSync('docker', ['inspect', '--format', '{{.Config.Image}} {{.Image}}', rec.containers[0]!], { encoding: 'utf8' }).trim().split(' ') as [string, string];
  } finally {
    await cluster.teardown();
  }
  // The run's own tags of what it ran are gone with it.
  for (const t of rec.removeImages ?? []) if (t.startsWith('faultline/run-')) expect(imagePresent(t), t).toBe(false);
  return { log, ran, ranId, image: rec.image! };
}

describeWith([...dockerFacilities, etcdFacility], 'docker runtime images', () => {
  it('builds a program’s image once and reuses it; keep-image=false removes only an image the run built', async () => {
    const etcd = join(dir, 'etcd-a');
    copyFileSync(findOnPath('etcd')!, etcd);
    const tag = imageTag('etcd', rootfsFor(etcdProgram(etcdTarget.optionsSchema.parse({ binary: etcd }))));
    images.push(tag);
    expect(imagePresent(tag)).toBe(false);
    const first = await once(etcd, {});
    expect(first.image).toBe(tag);
    // The container ran that image, under the run's own tag (another run may remove the content tag meanwhile).
    expect(first.ran).toMatch(/^faultline\/run-[0-9a-f]+:etcd$/);
    expect(first.ranId).toBe(imageId(tag));
    expect(first.log.some((l) => l.startsWith(`built image ${tag}`))).toBe(true);
    expect(imagePresent(tag)).toBe(true); // kept by default
    const id = imageId(tag);
    const second = await once(etcd, { 'keep-image': 'false' });
    expect(second.log.filter((l) => l.startsWith('built image'))).toEqual([]);
    expect(imageId(tag)).toBe(id); // the same image, not built anew, and not removed: this run did not build it

    // An image of another copy of etcd (another path), as another run may be using.
    const etcdB = join(dir, 'etcd-b');
    copyFileSync(findOnPath('etcd')!, etcdB);
    const fsB = rootfsFor(etcdProgram(etcdTarget.optionsSchema.parse({ binary: etcdB })));
    const other = imageTag('etcd', fsB);
    images.push(other);
    await buildImage(engine(), other, fsB);

    // etcd-a rebuilt (its content changed: a byte appended, still a working binary): a new image.
    appendFileSync(etcd, Buffer.from([0]));
    const third = await once(etcd, { 'keep-image': 'false' });
    images.push(third.image);
    expect(third.image).not.toBe(tag);
    expect(third.log.some((l) => l.startsWith(`built image ${third.image}`))).toBe(true);
    expect(imagePresent(third.image)).toBe(false);
    expect(imagePresent(tag)).toBe(false); // the newer build of etcd-a removed its older image, unused by then
    expect(imagePresent(other)).toBe(true); // another copy's image is not this program's to prune
  }, 120_000);

  it('image=NAME runs the given image and builds nothing', async () => {
    const etcd = join(dir, 'etcd-c');
    copyFileSync(findOnPath('etcd')!, etcd);
    const fs = rootfsFor(etcdProgram(etcdTarget.optionsSchema.parse({ binary: etcd })));
    const built = imageTag('etcd', fs);
    images.push(built);
    await buildImage(engine(), built, fs);
    const given = `faultline-test/given:${Date.now()}`;
    execFileSync('docker', ['tag', built, given]);
    images.push(given);
    const r = await once(etcd, { image: given });
    expect(r.ran).toBe(given);
    expect(r.log.filter((l) => l.startsWith('built image'))).toEqual([]);
    expect(imagePresent(given)).toBe(true); // a given image is never removed
  }, 120_000);
});
