/**
 * Grudges (Jepsen's term): for each node, the nodes it cannot hear from. Pure builders for the
 * partition shapes, given the node order (random shapes shuffle first, in partition.ts), and the
 * command-line syntax of a custom grudge: `n1:n2+n3,n2:n1` means n1 hears neither n2 nor n3, and n2
 * does not hear n1 (n3 hears everyone).
 */
import { UserError } from '../src/core/errors.js';
import type { Grudge } from '../src/runtimes/runtime.js';

/** Every node of `a` and every node of `b` cut off from each other, both ways. */
export function complete(a: readonly string[], b: readonly string[]): Grudge {
  const g: Record<string, string[]> = {};
  for (const x of a) g[x] = [...b];
  for (const y of b) g[y] = [...a];
  return g;
}

/** The first ⌊n/2⌋ nodes against the rest (the rest is the majority). */
export function halves(nodes: readonly string[]): Grudge {
  const k = Math.floor(nodes.length / 2);
  return complete(nodes.slice(0, k), nodes.slice(k));
}

/** `node` alone against everyone else. */
export function isolate(node: string, nodes: readonly string[]): Grudge {
  return complete([node], nodes.filter((n) => n !== node));
}

/**
 * Each node hears exactly a majority (itself included) — the window of ⌊n/2⌋+1 nodes around it on
 * the ring `nodes` — so no two nodes see the same majority. With 3 nodes it is a directed ring.
 */
export function majorityRing(nodes: readonly string[]): Grudge {
  const n = nodes.length;
  const m = Math.floor(n / 2) + 1;
  const first = -Math.floor((m - 1) / 2);
  const g: Record<string, string[]> = {};
  nodes.forEach((node, i) => {
    const sees = new Set<string>();
    for (let d = first; d < first + m; d++) sees.add(nodes[(((i + d) % n) + n) % n]!);
    g[node] = nodes.filter((x) => !sees.has(x));
  });
  return g;
}

/** Two sides that cannot hear each other, joined by one node (the middle one) that hears both. */
export function bridge(nodes: readonly string[]): Grudge {
  const k = Math.floor(nodes.length / 2);
  return complete(nodes.slice(0, k), nodes.slice(k + 1));
}

/** Asymmetric: the second half cannot hear the first; the first hears everyone. */
export function oneWay(nodes: readonly string[]): Grudge {
  const k = Math.floor(nodes.length / 2);
  const from = nodes.slice(0, Math.max(1, k));
  const g: Record<string, string[]> = {};
  for (const y of nodes.slice(Math.max(1, k))) g[y] = [...from];
  return g;
}

/** Parses `n1:n2+n3,n2:n1`; throws `UserError` naming the flag on bad syntax or unknown nodes. */
export function parseGrudge(text: string, nodes?: readonly string[]): Grudge {
  const flag = `--nemesis-opt partition.grudge=${text}`;
  const g: Record<string, string[]> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^:+\s]+):([^:\s]+)$/.exec(part);
    if (!m) throw new UserError(`${flag}: expected node:other+other,… (e.g. n1:n2+n3,n2:n1), got ${JSON.stringify(part)}`);
    const deaf = m[1]!;
    const from = m[2]!.split('+').filter(Boolean);
    for (const x of [deaf, ...from]) {
      if (nodes && !nodes.includes(x)) throw new UserError(`${flag}: no node ${x} (nodes: ${nodes.join(', ')})`);
    }
    g[deaf] = [...new Set([...(g[deaf] ?? []), ...from.filter((x) => x !== deaf)])];
  }
  if (Object.keys(g).length === 0) throw new UserError(`${flag}: empty grudge`);
  return g;
}
