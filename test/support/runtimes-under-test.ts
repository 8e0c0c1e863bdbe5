/**
 * The runtimes the shared runtime suites (the nemesis contract) run against: each with the
 * facilities it needs, so a suite skips with a reason on a machine that lacks them and fails in CI.
 */
import type { LinkStatsAbility, Runtime } from '../../src/runtimes/runtime.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { externalRuntime } from '../../src/runtimes/external.js';
import { localRuntime } from '../../src/runtimes/local.js';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { sshRuntime } from '../../src/runtimes/ssh.js';
import { dockerFacilities, netnsFacilities, sshFacility, type Facility } from './facility.js';
import { startExternalNetnsCluster } from './external-netns-cluster.js';
import { startSshHosts } from './ssh-hosts.js';

export interface RuntimeUnderTest {
  runtime: Runtime;
  facilities: Facility[];
  /**
   * What the runtime runs on, when it needs something set up first (the ssh runtime's hosts, the
   * external runtime's cluster): resolves with the runtime's options; `down` removes it, pass or fail.
   */
  fixture?(): Promise<Fixture>;
}

/** What a runtime's fixture made. */
export interface Fixture {
  /** The runtime's options (validated), given to `setup` and to its fault refusals. */
  options: unknown;
  /**
   * The traffic of each directed link (node names n1, n2, …) as the fixture reads it from the network
   * it made: for a runtime that counts none itself (external). Runtimes that count their links leave it out.
   */
  linkStats?: LinkStatsAbility['linkStats'];
  /** Removes everything the fixture made. */
  down(): Promise<void>;
}

/** Every runtime of the registry that the suites can run here. */
export const runtimesUnderTest: RuntimeUnderTest[] = [
  { runtime: localRuntime, facilities: [] },
  { runtime: netnsRuntime, facilities: netnsFacilities },
  {
    runtime: sshRuntime,
    facilities: [sshFacility],
    async fixture() {
      const hosts = await startSshHosts(3);
      return { options: sshRuntime.optionsSchema!.parse(hosts.options), down: hosts.down };
    },
  },
  { runtime: dockerRuntime, facilities: dockerFacilities },
  // A cluster it did not start: raft-kv nodes in network namespaces, faulted through the cluster file's commands.
  { runtime: externalRuntime, facilities: netnsFacilities, fixture: () => startExternalNetnsCluster(3) },
];
