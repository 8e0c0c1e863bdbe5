/**
 * Node images for the docker runtime. By default an image is built from the target's program
 * (docker-rootfs.ts): a tar stream of the root filesystem made with the system `tar` (dereferencing
 * symlinks, so /lib → usr/lib needs no care) and imported through the engine API (`docker import`),
 * tagged `faultline/<target>:<content hash>` and labelled with the hash. An image with that tag is
 * reused as it is. A user may name an existing image instead (`--runtime-opt image=NAME`); nothing is
 * built then, and the program is run by the same path as on this host unless the image has its own.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { IMAGE_LABEL, notFound, PROGRAM_LABEL } from './docker-engine.js';
import { IMAGE_EXTRAS, type Rootfs } from './docker-rootfs.js';

/** The tag an image built from `rootfs` for `target` gets. */
export function imageTag(target: string, rootfs: Rootfs): string {
  return `faultline/${target}:${rootfs.hash}`;
}

/**
 * What an image was built to run, as a short hash of its command line (the program's paths): a new
 * build of the same program replaces the older ones; a build of another copy does not.
 */
export function programId(rootfs: Rootfs): string {
  return createHash('sha256').update(rootfs.command.join('\0')).digest('hex').slice(0, 16);
}

/** True when the engine has an image named `name`. */
export async function imageExists(d: Docker, name: string): Promise<boolean> {
  try {
    await d.getImage(name).inspect();
    return true;
  } catch (e) {
    if (notFound(e)) return false;
    throw e;
  }
}

/** Writes the image's own files (IMAGE_EXTRAS) into a fresh directory. */
function stageExtras(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-rootfs-'));
  for (const [path, content] of Object.entries(IMAGE_EXTRAS)) {
    const p = join(dir, path);
    if (path.endsWith('/')) mkdirSync(p, { recursive: true });
    else {
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, content);
    }
  }
  chmodSync(join(dir, 'tmp'), 0o1777);
  return dir;
}

/** Builds and imports the image `tag` from `rootfs`; resolves once the engine has it. */
export async function buildImage(d: Docker, tag: string, rootfs: Rootfs): Promise<void> {
  const staged = stageExtras();
  try {
    const tar = spawn('tar', ['-c', '-h', '--numeric-owner', '-C', staged, '.', '-C', '/', ...rootfs.paths.map((p) => p.replace(/^\/+/, ''))], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    tar.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const tarDone = new Promise<number>((res) => tar.on('close', (code) => res(code ?? 1)));
    const [repo, version] = tag.split(':') as [string, string];
    const progress = await d.importImage(tar.stdout, { repo, tag: version, changes: [`LABEL ${IMAGE_LABEL}=${version}`, `LABEL ${PROGRAM_LABEL}=${programId(rootfs)}`] });
    const result = await new Promise<string>((res, rej) => {
      let out = '';
      progress.on('data', (b: Buffer) => (out += b.toString()));
      progress.on('end', () => res(out));
      progress.on('error', rej);
    });
    const code = await tarDone;
    if (code !== 0) throw new Error(`tar of the image's root filesystem failed: ${stderr.trim().split('\n')[0]}`);
    const err = /"error(?:Detail)?":\s*("[^"]*"|\{[^}]*\})/.exec(result);
    if (err) throw new Error(`docker import ${tag}: ${err[1]}`);
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

/** Removes image `name` if no container uses it; false when it was not there or is in use. */
export async function removeImage(d: Docker, name: string): Promise<boolean> {
  try {
    await d.getImage(name).remove();
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the other images of `repo` (`faultline/<target>`) that the runtime built for the same
 * program (`programId`), once `keep` has replaced them: a changed program (a rebuilt dist/) gets a new
 * content hash, and without this every build would stay. Images of other copies of the program (other
 * paths) are left: another run may be using one. An image a container still uses, or another tag
 * holds (a run's claim: docker-image-claim.ts), stays. Resolves with the tags removed.
 */
export async function pruneOlderImages(d: Docker, repo: string, keep: string, rootfs: Rootfs): Promise<string[]> {
  const removed: string[] = [];
  for (const img of await d.listImages({ filters: { reference: [repo], label: [IMAGE_LABEL, `${PROGRAM_LABEL}=${programId(rootfs)}`] } })) {
    for (const tag of img.RepoTags ?? []) {
      if (tag !== keep && tag.startsWith(`${repo}:`) && (await removeImage(d, tag))) removed.push(tag);
    }
  }
  return removed;
}
