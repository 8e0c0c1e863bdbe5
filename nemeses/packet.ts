/**
 * Nemesis `packet`: degrades traffic on chosen directed links without cutting them. Modes
 * (`packet.modes`, drawn at random per fault): delay (latency + jitter), loss, duplicate, bandwidth (a
 * byte-rate limit). Each mode needs its own runtime ability (`link-delay`, …): the local runtime's
 * proxies lose and duplicate whole messages, so only for message-framed peer protocols; the netns
 * runtime drops packets in the kernel but has no netem to delay them. Modes named in `packet.modes`
 * are refused up front when the runtime cannot apply them; without it, the schedule draws from the
 * modes it can. Links (`packet.links`): all, one-node (every link to and from one random node), or random
 * (each link with probability ½, at least one). Ops: `start-packet` {mode, links, faults} → ok with the
 * same; `stop-packet` → ok {cleared: links}.
 */
import { z } from 'zod';
import { randFloat, type Rng } from '../src/core/generators/index.js';
import { canFaultLinks, type FaultKind, type Link, type LinkFaults } from '../src/runtimes/runtime.js';
import { attempt, type NemesisPackage } from './nemesis.js';
import { pickOne } from './select.js';

export const PACKET_MODES = ['delay', 'loss', 'duplicate', 'bandwidth'] as const;
export const LINK_CHOICES = ['all', 'one-node', 'random'] as const;

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1))
    .optional();

export const packetOptionsSchema = z.strictObject({
  modes: list(PACKET_MODES).describe('kinds of link fault to draw from (not set: all; loss and duplicate only for message-framed peer traffic)'),
  links: list(LINK_CHOICES).describe('which links a fault hits, drawn per fault: all, every link of one node, or each link with probability ½ (not set: any of the three)'),
  'delay-ms': z.coerce.number().min(0).max(60_000).default(100).describe('delay: added latency per message, ms'),
  'jitter-ms': z.coerce.number().min(0).max(60_000).default(50).describe('delay: random extra latency, up to this many ms'),
  loss: z.coerce.number().min(0).max(1).default(0.2).describe('loss: probability a message is dropped'),
  duplicate: z.coerce.number().min(0).max(1).default(0.2).describe('duplicate: probability a message is delivered twice'),
  'bytes-per-second': z.coerce.number().min(100).default(20_000).describe('bandwidth: bytes per second a link carries'),
});
export type PacketOptions = z.infer<typeof packetOptionsSchema>;

const framedOnly = new Set(['loss', 'duplicate']);

function allLinks(nodes: readonly string[]): Link[] {
  return nodes.flatMap((from) => nodes.filter((to) => to !== from).map((to) => ({ from, to })));
}

function drawLinks(rng: Rng, choice: (typeof LINK_CHOICES)[number], nodes: readonly string[]): [Link[], Rng] {
  const every = allLinks(nodes);
  if (choice === 'all') return [every, rng];
  if (choice === 'one-node') {
    const [x, r] = pickOne(rng, nodes);
    return [every.filter((l) => l.from === x || l.to === x), r];
  }
  let r = rng;
  const out: Link[] = [];
  for (const l of every) {
    let u: number;
    [u, r] = randFloat(r);
    if (u < 0.5) out.push(l);
  }
  if (out.length > 0) return [out, r];
  const [one, r2] = pickOne(r, every);
  return [[one], r2];
}

function faultsFor(mode: (typeof PACKET_MODES)[number], o: PacketOptions): LinkFaults {
  switch (mode) {
    case 'delay':
      return { delayMs: o['delay-ms'], jitterMs: o['jitter-ms'] };
    case 'loss':
      return { loss: o.loss };
    case 'duplicate':
      return { duplicate: o.duplicate };
    case 'bandwidth':
      return { bytesPerSecond: o['bytes-per-second'] };
  }
}

/** The runtime ability each mode needs. */
const MODE_FAULT: Record<(typeof PACKET_MODES)[number], FaultKind> = {
  delay: 'link-delay',
  loss: 'link-loss',
  duplicate: 'link-duplicate',
  bandwidth: 'link-bandwidth',
};

export const packetNemesis: NemesisPackage<PacketOptions> = {
  name: 'packet',
  description: 'delay, lose, duplicate or throttle messages on chosen links; restore',
  faults: ['link'],
  // Modes named explicitly must each be possible (refused up front otherwise); without packet.modes
  // the schedule draws from the modes the runtime can apply to the target.
  faultsFor: (opts) => ['link', ...(opts.modes ?? []).map((m) => MODE_FAULT[m])],
  optionsSchema: packetOptionsSchema,
  start(rng, env, opts) {
    const possible = (m: (typeof PACKET_MODES)[number]) => (env.faults ? env.faults.includes(MODE_FAULT[m]) : !framedOnly.has(m) || env.framedLinks !== false);
    const [mode, r1] = pickOne(rng, opts.modes ?? PACKET_MODES.filter(possible));
    const [choice, r2] = pickOne(r1, opts.links ?? LINK_CHOICES);
    const [links, r3] = drawLinks(r2, choice, env.nodes);
    return [{ f: 'start-packet', value: { mode, links, faults: faultsFor(mode, opts) } }, r3];
  },
  startFs: ['start-packet'],
  stop: { f: 'stop-packet' },
  healOps: [{ f: 'stop-packet' }],
  create({ cluster }) {
    if (!canFaultLinks(cluster)) throw new Error('packet: this cluster cannot fault links');
    const c = cluster;
    let current: Link[] = [];
    const clear = async () => {
      const cleared = current;
      await c.clearLinkFaults();
      current = [];
      return { cleared };
    };
    return {
      fs: ['start-packet', 'stop-packet'],
      invoke: (op) =>
        attempt(async () => {
          if (op.f === 'stop-packet') return { type: 'ok', value: await clear() };
          const v = op.value as { mode: string; links: Link[]; faults: LinkFaults };
          await c.setLinkFaults(v.links, v.faults);
          current = [...current, ...v.links];
          return { type: 'ok', value: v };
        }),
      heal: clear,
    };
  },
};
