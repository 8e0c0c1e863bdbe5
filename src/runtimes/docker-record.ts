/**
 * What a docker run creates on its engine, as recorded in the run's pids.json before each thing is
 * created: the containers and the network by name, all labelled with the run's id, the run's own
 * image tags, and the images the run built and is not to keep.
 */

/** The `docker` field of pids.json. */
export interface DockerRecord {
  /** The engine (DOCKER_HOST, or the local socket). */
  engine: string;
  /** The run's id: the value of the `faultline.run` label on everything the run created. */
  run: string;
  network: string;
  /** Every container: the nodes' and their network holders'. */
  containers: string[];
  /** The image the nodes run. */
  image?: string;
  /**
   * Images teardown and cleanup remove: the run's own tags of the images it runs (docker-image-claim.ts),
   * and the images the run built and does not keep (`--runtime-opt keep-image=false`).
   */
  removeImages?: string[];
}
