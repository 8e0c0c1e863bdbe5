/**
 * Claimed images (docker-image-claim.ts), on the real engine: a run's own tag holds the image it runs
 * while another run removes the content tag (keep-image=false, or pruning older builds) — before the
 * claim, a run that had just found the image failed to create its containers with "No such image"
 * (seen in a full test run). An image missing when claimed is built first. The test's images are
 * a holder-like image under a repository of its own, removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { engine } from '../../src/runtimes/docker-engine.js';
import { claimImage, runTag } from '../../src/runtimes/docker-image-claim.js';
import { buildImage } from '../../src/runtimes/docker-image.js';
import { holderRootfs } from '../../src/runtimes/docker-holder-rootfs.js';
import { imagePresent } from '../support/docker.js';
import { describeWith, dockerFacilities } from '../support/facility.js';

const stamp = `${process.pid}-${Date.now()}`;
const tag = `faultline-test/claim:${stamp}`;
const tags: string[] = [tag];
afterAll(() => {
  for (const t of tags) if (imagePresent(t)) execFileSync('docker', ['rmi', t], { stdio: 'ignore' });
});

describeWith(dockerFacilities, 'claimed docker images', () => {
  it('are built when missing, and held by the run tag when the content tag is removed', async () => {
    const d = engine();
    const [a, b] = [runTag(`a${stamp}`, 'holder'), runTag(`b${stamp}`, 'holder')];
    tags.push(a, b);
    let builds = 0;
    const build = async () => {
      builds++;
      await buildImage(d, tag, holderRootfs());
    };
    expect(await claimImage(d, tag, a, build)).toEqual({ built: true });
    expect(await claimImage(d, tag, b, build)).toEqual({ built: false }); // there already: claimed, not built
    expect(builds).toBe(1);
    const id = (t: string) => execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', t], { encoding: 'utf8' }).trim();
    expect(id(a)).toBe(id(tag));

    // Another run removes the content tag while run a still needs the image: it only untags it.
    execFileSync('docker', ['rmi', tag], { stdio: 'ignore' });
    expect(imagePresent(tag)).toBe(false);
    expect(imagePresent(a)).toBe(true);
    const created = execFileSync('docker', ['create', '--label', `faultline-test=${stamp}`, a, ...holderRootfs().command], { encoding: 'utf8' }).trim();
    execFileSync('docker', ['rm', created], { stdio: 'ignore' });

    // Both runs end: their tags go, and with the last one the image.
    const held = id(a);
    execFileSync('docker', ['rmi', a], { stdio: 'ignore' });
    expect(imagePresent(b)).toBe(true);
    execFileSync('docker', ['rmi', b], { stdio: 'ignore' });
    expect(imagePresent(held)).toBe(false);
  }, 60_000);
});
