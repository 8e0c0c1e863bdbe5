/**
 * Images shared between runs, held by each run that uses them. A built image is found (or built) by
 * its content tag, `faultline/<target>:<hash>`, then claimed: tagged with a name of the run's own,
 * `faultline/run-<run>:<target>`, which the run's containers are created from. Other runs may remove
 * the content tag at any moment — a run with `keep-image=false` that built it, or a newer build of the
 * target pruning older ones — and the engine then only untags it while the run's own tag holds the
 * image. Without the claim, a run that had just found the image could fail to create its containers
 * ("No such image"). The run's tags are removed at teardown and by `faultline cleanup` (the record's
 * `removeImages`), which removes the image itself only if no other tag holds it.
 */
import type Docker from 'dockerode';
import { imageExists } from './docker-image.js';
import { notFound } from './docker-engine.js';

/** The run's own tag for the image it runs as `what` (the target's name, or `holder`). */
export function runTag(run: string, what: string): string {
  return `faultline/run-${run}:${what}`;
}

/**
 * Tags image `tag` as `claim`, first building it with `build` when the engine lacks it — again if
 * another run removes it between the two. Resolves with whether this call built it.
 */
export async function claimImage(d: Docker, tag: string, claim: string, build: () => Promise<void>): Promise<{ built: boolean }> {
  const [repo, name] = claim.split(':') as [string, string];
  let built = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await imageExists(d, tag))) {
      await build();
      built = true;
    }
    try {
      await d.getImage(tag).tag({ repo, tag: name });
      return { built };
    } catch (e) {
      if (!notFound(e)) throw e; // removed since we looked: build it again
    }
  }
  throw new Error(`image ${tag} was removed three times while this run claimed it; is another program removing faultline's images?`);
}
