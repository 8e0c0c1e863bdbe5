/**
 * What the netns runtime cannot do, said up front: the kernel here has no netem (delay and duplication
 * need it), and routing every packet through link proxies would cost the kernel-level faults this
 * runtime exists for; the local runtime applies them. Clients on the host stay outside partitions, and
 * there are no power-loss disks.
 */
import type { Target } from '../core/target.js';
import { hasLibfaketime } from './local-clock.js';
import type { FaultKind } from './runtime.js';

/** Why the netns runtime cannot apply `fault` to `target`, or undefined. */
export function netnsRefusal(fault: FaultKind, target: Target<any>): string | undefined {
  switch (fault) {
    case 'link-delay':
    case 'link-duplicate':
    case 'link-bandwidth':
      return `the netns runtime cuts and drops packets in the kernel but cannot ${fault === 'link-delay' ? 'delay' : fault === 'link-duplicate' ? 'duplicate' : 'throttle'} them (no netem in this kernel); use --runtime local (link proxies) or --nemesis-opt packet.modes=loss`;
    case 'partition-clients':
      return 'the netns runtime leaves the clients (on the host) outside partitions; use --runtime local for partition.clients=true';
    case 'power-loss':
      return 'the netns runtime has no power-loss disks; use --runtime local';
    case 'clock':
      if (target.clockSkew === 'offset-file') return undefined;
      if (target.clockSkew === 'libfaketime') return hasLibfaketime() ? undefined : 'libfaketime is not installed (apt-get install faketime), so the netns runtime cannot skew clocks';
      return `target ${target.name} does not read its clock through libc or an offset file (Go binaries read it through the vDSO), so the netns runtime cannot skew one node's clock`;
    default:
      return undefined;
  }
}
