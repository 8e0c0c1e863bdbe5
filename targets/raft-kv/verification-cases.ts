/**
 * What the harness must find in raft-kv: `faultline run` configurations (read mode, fault switches,
 * nemeses) with the verdict each must reach. The safe read mode must stay valid under every fault; each
 * unsafe mode must be caught under the faults that expose it. `bench/verification.ts` runs them all
 * over several seeds for the README's table; the end-to-end test runs the ones marked `e2e` briefly.
 */

export interface VerificationCase {
  name: string;
  expect: 'valid' | 'invalid';
  /** Arguments to `faultline run` (the target is raft-kv, the default). */
  args: string[];
  /** Short enough to be caught (or stay valid) in the end-to-end test's brief runs. */
  e2e?: boolean;
}

const opt = (flag: string, ...kv: string[]) => kv.flatMap((x) => [flag, x]);

/** Isolate whoever leads, and strobe its wall clock 3 s back and forth until the partition heals. */
const LEADER_STROBE = opt('--nemesis-opt', 'partition.modes=isolate-leader', 'partition.leader-clock-ms=-3000', 'partition.leader-clock=strobe');

export const VERIFICATION_CASES: VerificationCase[] = [
  { name: 'read-index (safe), partition+kill+pause', expect: 'valid', args: ['--nemesis', 'partition,kill,pause'], e2e: true },
  {
    name: 'read-index (safe), every fault',
    expect: 'valid',
    args: ['--nemesis', 'partition,kill,pause,clock,packet', '--nemesis-interval', '3'],
  },
  {
    name: 'read-index (safe), check-quorum=false, isolate-leader + leader clock strobe',
    expect: 'valid',
    args: [...opt('--target-opt', 'check-quorum=false'), '--nemesis', 'partition', ...LEADER_STROBE],
    e2e: true,
  },
  { name: 'follower, partition', expect: 'invalid', args: [...opt('--target-opt', 'read-mode=follower'), '--nemesis', 'partition'], e2e: true },
  { name: 'follower, partition+kill+pause', expect: 'invalid', args: [...opt('--target-opt', 'read-mode=follower'), '--nemesis', 'partition,kill,pause'] },
  { name: 'local, partition+kill+pause', expect: 'invalid', args: [...opt('--target-opt', 'read-mode=local'), '--nemesis', 'partition,kill,pause'] },
  {
    name: 'local, check-quorum=false, isolate-leader',
    expect: 'invalid',
    args: [...opt('--target-opt', 'read-mode=local', 'check-quorum=false'), '--nemesis', 'partition', ...opt('--nemesis-opt', 'partition.modes=isolate-leader')],
    e2e: true,
  },
  {
    name: 'lease, partition+clock strobe',
    expect: 'invalid',
    args: [...opt('--target-opt', 'read-mode=lease'), '--nemesis', 'partition,clock', ...opt('--nemesis-opt', 'clock.modes=strobe')],
  },
  {
    name: 'lease, isolate-leader + leader clock strobe',
    expect: 'invalid',
    args: [...opt('--target-opt', 'read-mode=lease'), '--nemesis', 'partition', ...LEADER_STROBE],
  },
  {
    name: 'lease, check-quorum=false, isolate-leader + leader clock strobe',
    expect: 'invalid',
    args: [...opt('--target-opt', 'read-mode=lease', 'check-quorum=false'), '--nemesis', 'partition', ...LEADER_STROBE],
    e2e: true,
  },
];
