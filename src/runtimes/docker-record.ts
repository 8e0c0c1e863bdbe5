/**
 * What a docker run creates on its engine, as recorded in the run's pids.json before each thing is
 * created: the containers and the network by name, all labelled with the run's id, and the image
 * when the run built it and is not to keep it.
 */

/** The `docker` field of pids.json. */
export interface DockerRecord {
  /** The engine (DOCKER_HOST, or the local socket). */
  engine: string;
  /** The run's id: the value of the `faultline.run` label on everything the run created. */
  run: string;
  network: string;
  containers: string[];
  /** The image the nodes run. */
  image?: string;
  /** True when the run built `image` and it is not kept (`--runtime-opt keep-image=false`): teardown and cleanup remove it. */
  removeImage?: boolean;
}
