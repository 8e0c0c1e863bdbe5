/**
 * What the ssh runtime cannot do, said up front. Its network faults are iptables rules on each host
 * (iptables-faults.ts), which cut and drop packets but cannot delay, duplicate or throttle them; the
 * harness's clients stay outside partitions (cutting them would cut the harness's own ssh
 * connections too); there are no power-loss disks on remote hosts; and clocks are skewed only for
 * targets that read an offset file (libfaketime would have to be installed and preloaded on every host).
 */
import type { Target } from '../core/target.js';
import type { FaultKind } from './runtime.js';

/** Why the ssh runtime cannot apply `fault` to `target`, or undefined. */
export function sshRefusal(fault: FaultKind, target: Target<any>): string | undefined {
  switch (fault) {
    case 'link-delay':
    case 'link-duplicate':
    case 'link-bandwidth':
      return `the ssh runtime cuts and drops packets with iptables on the hosts but cannot ${fault === 'link-delay' ? 'delay' : fault === 'link-duplicate' ? 'duplicate' : 'throttle'} them; use --runtime local (link proxies) or --nemesis-opt packet.modes=loss`;
    case 'partition-clients':
      return 'the ssh runtime leaves the clients (on the harness host) outside partitions; use --runtime local for partition.clients=true';
    case 'power-loss':
      return 'the ssh runtime has no power-loss disks on remote hosts; use --runtime local';
    case 'clock':
      return target.clockSkew === 'offset-file' ? undefined : `the ssh runtime skews clocks only of targets that read an offset file, not ${target.name}; use --runtime local or netns`;
    default:
      return undefined;
  }
}
