/**
 * The control program of a cluster the external runtime did not start (external-netns-cluster.ts):
 * `ctl.sh VERB NODE [OFFSET_MS]`, a POSIX sh script the fixture writes beside the nodes' files and the
 * cluster file's commands call (each is one argv, run without a shell by the runtime; the script is a
 * program like any other). NODE is the node's name in the cluster file; its files are `NODE.start`
 * (the line that starts it in its namespace), `NODE.pid` (its current PID), `NODE.pids` (every PID it
 * had, for the fixture's `down`), `NODE.log` and `NODE.clock-offset-ms` (read by raft-kv every 50 ms).
 * sh rather than node: a strobing clock runs a command per flip, and sh starts in a millisecond.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellCommand } from '../../src/runtimes/ssh-quote.js';

const CTL = `#!/bin/sh
set -eu
dir=$(dirname "$0")
verb=$1
node=$2
pidf="$dir/$node.pid"
# Alive while any of its threads is neither a zombie nor gone: a killed multi-threaded process's main
# thread turns zombie before the others have exited, and its sockets close only when the last one has.
alive() {
  for t in /proc/"$1"/task/*/stat; do
    st=$(sed 's/.*) //' "$t" 2>/dev/null | cut -c1) || continue
    case "$st" in Z|X|'') ;; *) return 0 ;; esac
  done
  return 1
}
gone() { while alive "$1"; do sleep 0.02; done; }
case "$verb" in
  restart)
    if [ -f "$pidf" ] && alive "$(cat "$pidf")"; then echo "ctl: $node runs already" >&2; exit 1; fi
    sh "$dir/$node.start" >>"$dir/$node.log" 2>&1 </dev/null &
    echo $! >"$pidf"
    echo $! >>"$dir/$node.pids" ;;
  kill) p=$(cat "$pidf"); kill -KILL "$p"; gone "$p" ;;
  stop) p=$(cat "$pidf"); kill -TERM "$p"; gone "$p" ;;
  pause) kill -STOP "$(cat "$pidf")" ;;
  resume) kill -CONT "$(cat "$pidf")" ;;
  clock)
    printf '%s\\n' "$3" >"$dir/$node.clock-offset-ms.tmp"
    mv "$dir/$node.clock-offset-ms.tmp" "$dir/$node.clock-offset-ms" ;;
  *) echo "ctl: unknown verb $verb" >&2; exit 2 ;;
esac
`;

/** Writes ctl.sh into `dir` (executable) and returns its path. */
export function writeCtl(dir: string): string {
  const file = join(dir, 'ctl.sh');
  writeFileSync(file, CTL);
  chmodSync(file, 0o755);
  return file;
}

/** Writes `dir/NODE.start`: `argv` run in network namespace `ns` (exec'd, so the node keeps the shell's PID). */
export function writeStart(dir: string, node: string, ns: string, argv: readonly string[]): void {
  writeFileSync(join(dir, `${node}.start`), `exec ${shellCommand(['ip', 'netns', 'exec', ns, ...argv])}\n`);
}
