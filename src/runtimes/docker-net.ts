/**
 * The docker runtime's network: a user-defined bridge with a free 10.x.y.0/24 subnet (none of the
 * engine's networks and, with a local engine, none of this host's addresses use it), the gateway at
 * .1 and node i at .(11+i), so every node listens on the same ports and peers dial each other
 * directly. Labelled with the run's id.
 */
import { execFileSync } from 'node:child_process';
import type Docker from 'dockerode';
import { engineIsLocal, RUN_LABEL } from './docker-engine.js';

/** Subnet prefixes (`10.x.y`) in use: the engine's networks' and, with a local engine, this host's. */
async function usedPrefixes(d: Docker): Promise<Set<string>> {
  const used = new Set<string>();
  for (const n of await d.listNetworks()) {
    for (const c of n.IPAM?.Config ?? []) {
      const m = /^(\d+\.\d+\.\d+)\./.exec(c.Subnet ?? '');
      if (m) used.add(m[1]!);
    }
  }
  if (engineIsLocal()) {
    for (const m of execFileSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).matchAll(/inet (\d+\.\d+\.\d+)\./g)) used.add(m[1]!);
  }
  return used;
}

const randomInt = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));

/**
 * Creates network `name` for `count` nodes on a free subnet (retrying when another run takes the
 * same one meanwhile); resolves with the nodes' addresses.
 */
export async function createNetwork(d: Docker, name: string, runId: string, count: number): Promise<string[]> {
  const used = await usedPrefixes(d);
  let last: unknown;
  for (let attempt = 0; attempt < 8; attempt++) {
    let prefix = '';
    for (let i = 0; i < 200 && (prefix === '' || used.has(prefix)); i++) prefix = `10.${randomInt(192, 255)}.${randomInt(0, 256)}`;
    used.add(prefix);
    try {
      await d.createNetwork({
        Name: name,
        Driver: 'bridge',
        CheckDuplicate: true,
        IPAM: { Driver: 'default', Config: [{ Subnet: `${prefix}.0/24`, Gateway: `${prefix}.1` }] },
        Labels: { [RUN_LABEL]: runId },
      });
      return Array.from({ length: count }, (_, i) => `${prefix}.${i + 11}`);
    } catch (e) {
      last = e;
      if (!/overlap/i.test(String((e as Error).message))) throw e;
    }
  }
  throw new Error(`no free subnet for network ${name}: ${String((last as Error)?.message)}`);
}
