/**
 * The transactional end-to-end cases (issue: list-append and rw-register on real targets), shared by
 * `test/workloads/transactional-e2e.test.ts` (short runs, one or two seeds) and `bench/transactional.ts`
 * (longer runs over five seeds, the figures in the README). A case is a `faultline run` command line
 * and what its verdict must be: valid with strict serializability holding, or invalid with named models
 * ruled out.
 */

/** One case. */
export interface TransactionalCase {
  name: string;
  /** `faultline run` arguments (no --seed, --time-limit or --reports-dir). */
  args: string[];
  /** `valid`: strict-serializable holds. `ruled-out`: every model in `ruledOut` is ruled out. */
  expect: 'valid' | 'ruled-out';
  ruledOut?: string[];
  /** Needs etcd installed. */
  etcd?: boolean;
}

const FAULTS = ['--nemesis', 'partition,kill,pause'];

export const TRANSACTIONAL_CASES: TransactionalCase[] = [
  { name: 'raft-kv list-append, partition+kill+pause', args: ['--target', 'raft-kv', '--workload', 'list-append', ...FAULTS], expect: 'valid' },
  { name: 'raft-kv rw-register, partition+kill+pause', args: ['--target', 'raft-kv', '--workload', 'rw-register', ...FAULTS], expect: 'valid' },
  {
    // Each micro-op its own log entry: other transactions land between a transaction's parts.
    name: 'raft-kv list-append, txn-mode=split',
    args: ['--target', 'raft-kv', '--workload', 'list-append', '--target-opt', 'txn-mode=split', '--nemesis', 'none'],
    expect: 'ruled-out',
    ruledOut: ['read-atomic', 'snapshot-isolation', 'serializable', 'strict-serializable'],
  },
  {
    name: 'raft-kv rw-register, txn-mode=split',
    args: ['--target', 'raft-kv', '--workload', 'rw-register', '--target-opt', 'txn-mode=split', '--nemesis', 'none'],
    expect: 'ruled-out',
    ruledOut: ['serializable', 'strict-serializable'],
  },
  { name: 'etcd list-append, kill+pause', args: ['--target', 'etcd', '--workload', 'list-append', '--nemesis', 'kill,pause'], expect: 'valid', etcd: true },
];
