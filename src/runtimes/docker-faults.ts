/**
 * What the docker runtime cannot do, said up front. Packets are cut and dropped by iptables in the
 * containers' namespaces, run in each node's network holder through the engine (docker-shell.ts), so a
 * remote engine (DOCKER_HOST) works the same as the local one; they are never delayed, duplicated or
 * throttled (no netem in this kernel). Clients on the host stay outside partitions; there are no
 * power-loss disks. Clocks are skewed only for targets that read an offset file, which the engine
 * puts into a volume the node's container mounts (Go binaries such as etcd read the clock through
 * the vDSO, so libfaketime would not reach them either).
 */
import type { Target } from '../core/target.js';
import type { FaultKind } from './runtime.js';

/** Why the docker runtime cannot apply `fault` to `target` (on any engine, local or remote), or undefined. */
export function dockerRefusal(fault: FaultKind, target: Target<any>): string | undefined {
  switch (fault) {
    case 'link-delay':
    case 'link-duplicate':
    case 'link-bandwidth':
      return `the docker runtime cuts and drops packets in the kernel but cannot ${fault === 'link-delay' ? 'delay' : fault === 'link-duplicate' ? 'duplicate' : 'throttle'} them (no netem in this kernel); use --runtime local (link proxies) or --nemesis-opt packet.modes=loss`;
    case 'partition-clients':
      return 'the docker runtime leaves the clients (on the host) outside partitions; use --runtime local for partition.clients=true';
    case 'power-loss':
      return 'the docker runtime has no power-loss disks; use --runtime local';
    case 'clock':
      return target.clockSkew === 'offset-file'
        ? undefined
        : `target ${target.name} does not read its clock offset from a file, so the docker runtime cannot skew one node's clock; use --runtime local or netns`;
    default:
      return undefined;
  }
}
