/**
 * Node images for the docker runtime. By default an image is built from the target's program
 * (docker-rootfs.ts): a tar stream of the root filesystem made with the system `tar` (dereferencing
 * symlinks, so /lib → usr/lib needs no care) and imported through the engine API (`docker import`),
 * tagged `faultline/<target>:<content hash>` and labelled with the hash. An image with that tag is
 * reused as it is. A user may name an existing image instead (`--runtime-opt image=NAME`); nothing is
 * built then, and the program is run by the same path as on this host unless the image has its own.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { IMAGE_LABEL, notFound } from './docker-engine.js';
import { IMAGE_EXTRAS, type Rootfs } from './docker-rootfs.js';

/** The tag an image built from `rootfs` for `target` gets. */
export function imageTag(target: string, rootfs: Rootfs): string {
  return `faultline/${target}:${rootfs.hash}`;
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
    const progress = await d.importImage(tar.stdout, { repo, tag: version, changes: [`LABEL ${IMAGE_LABEL}=${version}`] });
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
 * Removes the other images of `repo` (`faultline/<target>`) that the runtime built, once `keep` has
 * replaced them: a changed program (a rebuilt dist/) gets a new content hash, and without this every
 * build would stay. An image a container still uses is left (the engine refuses to remove it).
 * Resolves with the images removed.
 */
export async function pruneOlderImages(d: Docker, repo: string, keep: string): Promise<string[]> {
  const removed: string[] = [];
  for (const img of await d.listImages({ filters: { reference: [repo], label: [IMAGE_LABEL] } })) {
    for (const tag of img.RepoTags ?? []) {
      if (tag !== keep && tag.startsWith(`${repo}:`) && (await removeImage(d, tag))) removed.push(tag);
    }
  }
  return removed;
}
