/**
 * The runtimes the shared runtime suites (the nemesis contract) run against: each with the
 * facilities it needs, so a suite skips with a reason on a machine that lacks them and fails in CI.
 */
import type { Runtime } from '../../src/runtimes/runtime.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { localRuntime } from '../../src/runtimes/local.js';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { dockerFacilities, netnsFacilities, type Facility } from './facility.js';

export interface RuntimeUnderTest {
  runtime: Runtime;
  facilities: Facility[];
}

/** Every runtime of the registry that the suites can run here. */
export const runtimesUnderTest: RuntimeUnderTest[] = [
  { runtime: localRuntime, facilities: [] },
  { runtime: netnsRuntime, facilities: netnsFacilities },
  { runtime: dockerRuntime, facilities: dockerFacilities },
];
