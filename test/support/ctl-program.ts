/**
 * The control program of the clusters tests start outside faultline, as a user's cluster is
 * (scripted-cluster.ts, scripted-redis.ts): `ctl.cjs start|restart|kill|pause|resume <node>`, written
 * into the test's directory beside `ctl.json`, which names each node's command line, log and pid file.
 * It acts on the PID in the node's pid file and keeps, beside it, every PID the node had (`.pids`), the
 * PIDs it saw stopped after a pause (`.stopped`: the kernel showed state T) and those it resumed
 * (`.resumed`), so a test knows the commands really ran. `cut <from> <to>` / `heal` ask the test's
 * control server (`control` in ctl.json, HTTP on loopback) to cut or heal a link.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CTL = `
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const conf = JSON.parse(fs.readFileSync(require('node:path').join(__dirname, 'ctl.json'), 'utf8'));
const [verb, name, to] = process.argv.slice(2);
const node = conf.nodes[name];
const pid = () => Number(fs.readFileSync(node.pidFile, 'utf8'));
const state = (p) => { try { const s = fs.readFileSync('/proc/' + p + '/stat', 'utf8'); return s.slice(s.lastIndexOf(')') + 2)[0]; } catch { return 'gone'; } };
// Alive while any of its threads is neither a zombie nor gone: a killed multi-threaded process
// (redis-server) keeps its listening socket until its last thread has exited.
const tasks = (p) => { try { return fs.readdirSync('/proc/' + p + '/task'); } catch { return []; } };
const alive = (p) => tasks(p).some((t) => !['Z', 'X', 'gone'].includes(state(p + '/task/' + t)));
async function main() {
  if (verb === 'cut' || verb === 'heal') {
    const r = await fetch(conf.control + '/' + verb + '?' + new URLSearchParams({ from: name || '', to: to || '' }));
    if (!r.ok) throw new Error('control: ' + (await r.text()));
    return;
  }
  if (!node) throw new Error('no node ' + name);
  if (verb === 'start' || verb === 'restart') {
    const out = fs.openSync(node.log, 'a');
    const p = spawn(node.command, node.args, { detached: true, stdio: ['ignore', out, out] });
    fs.writeFileSync(node.pidFile, String(p.pid));
    fs.appendFileSync(node.pidFile + 's', p.pid + '\\n');
    p.unref();
  } else if (verb === 'kill') {
    const p = pid();
    process.kill(p, 'SIGKILL');
    while (alive(p)) await new Promise((r) => setTimeout(r, 20));
  } else if (verb === 'pause') {
    // The test's own /proc sampling can miss a short pause on a loaded machine: the command itself
    // waits until the kernel shows the process stopped and writes that down.
    const p = pid();
    process.kill(p, 'SIGSTOP');
    const until = Date.now() + 5000;
    while (Date.now() < until && !'Tt'.includes(state(p))) await new Promise((r) => setTimeout(r, 10));
    if ('Tt'.includes(state(p))) fs.appendFileSync(node.pidFile + '.stopped', p + '\\n');
  } else if (verb === 'resume') {
    process.kill(pid(), 'SIGCONT');
    fs.appendFileSync(node.pidFile + '.resumed', pid() + '\\n');
  } else throw new Error('unknown verb ' + verb);
}
main().catch((e) => { console.error('ctl: ' + e.message); process.exit(1); });
`;

/** One node (or helper process) the control program starts and faults. */
export interface CtlNode {
  command: string;
  args: string[];
  /** Its stdout and stderr, appended. */
  log: string;
  /** Its current PID; `<pidFile>s`, `<pidFile>.stopped` and `<pidFile>.resumed` sit beside it. */
  pidFile: string;
}

/** The control program's path in `dir`. */
export const ctlPath = (dir: string): string => join(dir, 'ctl.cjs');

/** Writes ctl.cjs and its ctl.json (the nodes by name; `control`, the URL of the test's link control) into `dir`. */
export function writeCtl(dir: string, conf: { control?: string; nodes: Record<string, CtlNode> }): string {
  writeFileSync(join(dir, 'ctl.json'), JSON.stringify(conf));
  writeFileSync(ctlPath(dir), CTL);
  return ctlPath(dir);
}
