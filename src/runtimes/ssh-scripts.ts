/**
 * The shell scripts the ssh runtime runs on a host to manage one node's process, every value in them
 * quoted (ssh-quote.ts). A node runs detached from the ssh session: `setsid` makes a small wrapper
 * shell the leader of a session of its own, which starts the node, writes the node's PID to
 * `<exit>.pid`, waits for it and writes its exit status to `<exit>` (128+n for signal n); output is
 * appended to the node's remote log. A process is known by its PID and its start time (field 22 of
 * /proc/<pid>/stat, as pid-record.ts does locally), and signalled only while both still match.
 */
import { envCommand, shellQuote } from './ssh-quote.js';

/** A remote process: its PID and start time in clock ticks since boot. */
export interface RemoteProc {
  pid: number;
  startTicks: number;
}

/** Where one node's things are on its host. */
export interface RemoteNodePaths {
  /** The node's working directory (created). */
  cwd: string;
  log: string;
  /** Exit status file (the wrapper writes the node's PID to `<exit>.pid`). */
  exit: string;
}

/** Shell functions the scripts use: `ticks PID` prints the start time, `ours PID TICKS` tests identity. */
const FUNCS = [
  `ticks() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }`,
  `ours() { [ -n "$1" ] && [ "$(ticks "$1")" = "$2" ]; }`,
  `gone() { ! [ -e "/proc/$1" ] || grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }`,
].join('\n');

/**
 * Starts `argv` (with `env`) detached; prints `wrapperPid wrapperTicks nodePid nodeTicks logSize`,
 * logSize being the log's length before the start (where this start's output begins).
 */
export function startScript(p: RemoteNodePaths, argv: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  const [cwd, log, exit] = [shellQuote(p.cwd), shellQuote(p.log), shellQuote(p.exit)];
  return [
    FUNCS,
    `mkdir -p ${cwd} && cd ${cwd} || exit 1`,
    `size=$(stat -c %s ${log} 2>/dev/null || echo 0)`,
    `rm -f ${exit} ${shellQuote(`${p.exit}.pid`)}`,
    `setsid sh -c '"$@" & echo $! > "$0.pid"; wait $!; echo $? > "$0"' ${exit} ${envCommand(env, argv)} >>${log} 2>&1 </dev/null &`,
    'w=$!',
    `i=0; while [ ! -s ${shellQuote(`${p.exit}.pid`)} ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done`,
    `n=$(cat ${shellQuote(`${p.exit}.pid`)} 2>/dev/null)`,
    `[ -n "$n" ] || { echo "the node did not start" >&2; exit 1; }`,
    'tw=$(ticks $w); tn=$(ticks $n)',
    'echo "$w ${tw:-0} $n ${tn:-0} $size"',
  ].join('\n');
}

/** Parses what `startScript` printed. */
export function parseStarted(out: string): { wrapper: RemoteProc; node: RemoteProc; logOffset: number } {
  const f = out.trim().split(/\s+/).map(Number);
  if (f.length !== 5 || f.some((x) => !Number.isInteger(x))) throw new Error(`unexpected answer from the start script: ${JSON.stringify(out.trim())}`);
  // A process that already exited has start time 0: it is never taken for ours again.
  return { wrapper: { pid: f[0]!, startTicks: f[1]! }, node: { pid: f[2]!, startTicks: f[3]! }, logOffset: f[4]! };
}

/**
 * Sends `signals` in order to `proc` while it is still ours; with `waitExit`, then waits (at most
 * `graceS` seconds) for the wrapper to record its exit, and kills it with SIGKILL if it has not.
 */
export function signalScript(proc: RemoteProc, signals: readonly string[], waitExit?: { exit: string; graceS: number }): string {
  const lines = [FUNCS, `p=${proc.pid}; t=${proc.startTicks}`, `ours $p $t || exit 0`, ...signals.map((s) => `kill -${s} $p 2>/dev/null`)];
  if (waitExit) {
    const until = (limit: number) => `i=0; while ! gone $p && [ ! -e ${shellQuote(waitExit.exit)} ] && [ $i -lt ${limit} ]; do sleep 0.02; i=$((i+1)); done`;
    lines.push(until(Math.round(waitExit.graceS * 50)), `ours $p $t && ! gone $p && kill -KILL $p 2>/dev/null`, until(500));
  }
  return lines.join('\n');
}

/**
 * Kills whole recorded process groups (each wrapper leads one, the node in it) and single nodes, each
 * only while it is still ours, then every process whose working directory is inside `runDir` (which
 * catches one started just before a harness died, not yet recorded); waits for them to be gone and
 * prints `killed <pids>`. For teardown's last resort and `faultline cleanup`.
 */
export function killAllScript(procs: ReadonlyArray<{ wrapper: RemoteProc; node: RemoteProc }>, runDir: string): string {
  const glob = shellQuote(runDir.replace(/[[\]*?\\]/g, '\\$&'));
  const lines = [FUNCS, 'killed='];
  for (const { wrapper: w, node: n } of procs) {
    lines.push(
      `if ours ${n.pid} ${n.startTicks}; then kill -CONT ${n.pid}; kill -KILL ${n.pid} && killed="$killed ${n.pid}"; fi`,
      `if ours ${w.pid} ${w.startTicks}; then kill -KILL -- -${w.pid} 2>/dev/null || kill -KILL ${w.pid}; fi`,
    );
  }
  lines.push(
    // One find reads every process's working directory (a readlink per process would fork hundreds of times).
    `for d in $(find /proc -mindepth 2 -maxdepth 2 -name cwd \\( -lname ${glob} -o -lname ${shellQuote(`${runDir.replace(/[[\]*?\\]/g, '\\$&')}/*`)} \\) 2>/dev/null); do p=\${d#/proc/}; p=\${p%/cwd}; kill -CONT $p; kill -KILL $p 2>/dev/null && case " $killed " in *" $p "*) ;; *) killed="$killed $p";; esac; done`,
    `for p in $killed; do i=0; while ! gone $p && [ $i -lt 250 ]; do sleep 0.02; i=$((i+1)); done; done`,
    'echo "killed$killed"',
  );
  return lines.join('\n');
}

/** Prints the exit status the wrapper wrote for a node, or nothing while it has not. */
export function exitStatusScript(p: Pick<RemoteNodePaths, 'exit'>): string {
  return `cat ${shellQuote(p.exit)} 2>/dev/null || true`;
}

/** Follows the log from `offset` (bytes) until the wrapper `wrapperPid` exits. */
export function followLogScript(p: Pick<RemoteNodePaths, 'log'>, offset: number, wrapperPid: number): string {
  return `exec tail -s 0.2 -c +${offset + 1} --pid=${wrapperPid} -F ${shellQuote(p.log)} 2>/dev/null`;
}
