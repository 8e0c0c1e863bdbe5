/**
 * The runtime registry. CLI choices, help text and `faultline list` are derived from it.
 */
import { dockerRuntime } from './docker.js';
import { externalRuntime } from './external.js';
import { localRuntime } from './local.js';
import { netnsRuntime } from './netns.js';
import type { Runtime } from './runtime.js';
import { sshRuntime } from './ssh.js';

/** Every runtime, by name. */
export const runtimes: Record<string, Runtime> = {
  local: localRuntime,
  netns: netnsRuntime,
  external: externalRuntime,
  ssh: sshRuntime,
  docker: dockerRuntime,
};
