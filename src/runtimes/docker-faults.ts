/**
 * What the docker runtime cannot do, said up front. Packets are cut and dropped by iptables in the
 * containers' namespaces, entered from this host with nsenter — so not with a remote engine — and
 * never delayed, duplicated or throttled (no netem in this kernel). Clients on the host stay outside
 * partitions; there are no power-loss disks. Clocks are skewed only for targets that read an offset
 * file, which a local engine bind-mounts from this host (Go binaries such as etcd read the clock
 * through the vDSO, so libfaketime would not reach them either).
 */
import type { Target } from '../core/target.js';
import { engineIsLocal, engineName } from './docker-engine.js';
import type { FaultKind } from './runtime.js';

/** Why the docker runtime cannot apply `fault` to `target` (with the engine DOCKER_HOST names), or undefined. */
export function dockerRefusal(fault: FaultKind, target: Target<any>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const remote = !engineIsLocal(env);
  switch (fault) {
    case 'link-delay':
    case 'link-duplicate':
    case 'link-bandwidth':
      return `the docker runtime cuts and drops packets in the kernel but cannot ${fault === 'link-delay' ? 'delay' : fault === 'link-duplicate' ? 'duplicate' : 'throttle'} them (no netem in this kernel); use --runtime local (link proxies) or --nemesis-opt packet.modes=loss`;
    case 'partition':
    case 'link':
    case 'link-loss':
      return remote
        ? `the Docker engine at ${engineName(env)} is remote, and the docker runtime applies ${fault === 'partition' ? 'partitions' : 'link faults'} with nsenter on the engine's host; run faultline on that host or use --runtime netns`
        : undefined;
    case 'partition-clients':
      return 'the docker runtime leaves the clients (on the host) outside partitions; use --runtime local for partition.clients=true';
    case 'power-loss':
      return 'the docker runtime has no power-loss disks; use --runtime local';
    case 'clock':
      if (target.clockSkew !== 'offset-file') return `target ${target.name} does not read its clock offset from a file, so the docker runtime cannot skew one node's clock; use --runtime local or netns`;
      return remote ? `the Docker engine at ${engineName(env)} is remote, and the docker runtime skews clocks through a directory bind-mounted from this host; use --runtime local or netns` : undefined;
    default:
      return undefined;
  }
}
