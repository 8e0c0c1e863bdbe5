/**
 * What an ssh run creates on its hosts, in the run's pids.json (`PidRecord.ssh`), each thing named
 * before it exists: how to reach the hosts, the run's directory on them, the hosts given faultline's
 * iptables chains, and each node process started (with its wrapper), known by PID and start time.
 */
import type { SshOptions } from './ssh-options.js';
import type { RemoteProc } from './ssh-scripts.js';

export interface SshRecord {
  /** The runtime options the run was given (how `faultline cleanup` reaches the hosts again). */
  options: SshOptions;
  /** The run's directory on every host (nodes' data, logs, offset files); the program cache is beside it. */
  runDir: string;
  /** Indexes of the hosts (in `options.hosts`) whose iptables got faultline's chains. */
  chains: number[];
  /** The harness's local directory of ssh control sockets (left behind by a SIGKILLed harness). */
  controlDir?: string;
  /** Every node process started, on host `host` (index in `options.hosts`). */
  procs: Array<{ name: string; host: number; wrapper: RemoteProc; node: RemoteProc }>;
}
