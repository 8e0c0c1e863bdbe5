/** What is left on this host of a netns run's network: for tests that check nothing was left behind. */
import { execFileSync } from 'node:child_process';
import type { NetnsRecord } from '../../src/runtimes/netns-net.js';

const ok = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Each namespace, link and FORWARD rule of `rec` that still exists, named. */
export async function leftOfNetwork(rec: NetnsRecord): Promise<string[]> {
  const namespaces = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]);
  return [
    ...rec.namespaces.filter((ns) => namespaces.includes(ns)).map((ns) => `netns ${ns}`),
    ...[...rec.veths, rec.bridge].filter((l) => ok('ip', ['link', 'show', 'dev', l])).map((l) => `link ${l}`),
    ...(rec.forwardRule && ok('iptables', ['-w', '-C', ...rec.forwardRule]) ? ['forward rule'] : []),
  ];
}
