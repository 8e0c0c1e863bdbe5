/**
 * What applying a partition costs under the docker runtime, three ways of running its iptables
 * commands in each node's network holder: through a shell kept open in the holder on the engine (one
 * exec with attached streams, a line per command: what the runtime does, and what works with a remote
 * engine too); through a `docker exec` of its own per command (create, start with hijacked streams,
 * inspect for the exit code); and from this host into the holder's namespace (`nsenter -t <pid> -n`,
 * which needs the engine on this host: what the runtime did before). Three holder containers (the
 * runtime's own image, NET_ADMIN, no network needed: the rules only name addresses); for each way,
 * `rounds` times: a partition isolating n1 (rules in all three namespaces) and its heal, each timed
 * from the call to its return. Prints the median and the slowest of each, and the mean of a round.
 * Not part of `npm test`.
 *
 *   npm run build && node dist/bench/docker-fault-exec.js [--rounds 20]
 */
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../src/core/logger.js';
import { engine, RUN_LABEL } from '../src/runtimes/docker-engine.js';
import { execIn } from './docker-exec-once.js';
import { holderRootfs, holderTool } from '../src/runtimes/docker-holder-rootfs.js';
import { buildImage, imageExists, imageTag } from '../src/runtimes/docker-image.js';
import { installChains, iptablesNetworkAbilities, type NetHost } from '../src/runtimes/iptables-faults.js';
import { sh } from '../src/runtimes/netns-net.js';
import { ContainerShell } from '../src/runtimes/docker-shell.js';
import { shellCommand } from '../src/runtimes/ssh-quote.js';

const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 20;
const d = engine();
const fs = holderRootfs();
const image = imageTag('holder', fs);
if (!(await imageExists(d, image))) await buildImage(d, image, fs);
const run = `bench-${randomBytes(4).toString('hex')}`;
const names = ['n1', 'n2', 'n3'];
const holders = await Promise.all(
  names.map((n) =>
    d.createContainer({
      name: `faultline-${run}-${n}-net`, Image: image, Entrypoint: [fs.command[0]!], Cmd: fs.command.slice(1),
      Labels: { [RUN_LABEL]: run }, HostConfig: { NetworkMode: 'none', CapAdd: ['NET_ADMIN'] },
    }),
  ),
);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  await Promise.all(holders.map((h) => h.start()));
  const pids = await Promise.all(holders.map(async (h) => (await h.inspect()).State.Pid));
  const shells = await Promise.all(holders.map((h) => ContainerShell.open(d, h, fs.tools.sh)));
  const ways: Record<string, (k: number) => NetHost['exec']> = {
    'engine shell': (k) => (cmd, args, input) => shells[k]!.run(shellCommand([holderTool(fs.tools, cmd), ...args]), input),
    'docker exec ': (k) => (cmd, args, input) => execIn(d, holders[k]!, [holderTool(fs.tools, cmd), ...args], input),
    'nsenter     ': (k) => (cmd, args, input) => sh('nsenter', ['-t', String(pids[k]), '-n', cmd, ...args], input),
  };
  console.log(`partition isolating n1 of 3 holders and its heal, ${rounds} rounds each way (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
  for (const [way, exec] of Object.entries(ways)) {
    const hosts: NetHost[] = names.map((name, k) => ({ name, address: `10.250.0.${11 + k}`, exec: exec(k) }));
    await installChains(hosts);
    const nemesis = iptablesNetworkAbilities(hosts, silentLogger);
    const apply: number[] = [];
    const heal: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let t = process.hrtime.bigint();
      await nemesis.partition({ n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] });
      apply.push(ms(t));
      t = process.hrtime.bigint();
      await nemesis.healPartition();
      heal.push(ms(t));
    }
    const mean = (apply.reduce((a, b) => a + b, 0) + heal.reduce((a, b) => a + b, 0)) / rounds;
    console.log(`  ${way}  apply median ${median(apply).toFixed(0)} ms (max ${Math.max(...apply).toFixed(0)}), heal median ${median(heal).toFixed(0)} ms (max ${Math.max(...heal).toFixed(0)}), round mean ${mean.toFixed(0)} ms`);
  }
} finally {
  await Promise.all(holders.map((h) => h.remove({ force: true, v: true })));
}
