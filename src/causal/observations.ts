/**
 * What a process has observed of one key: the maximal writes (under "causally older") among those its
 * reads returned, each with the read that returned it. A newer observation drops the observations
 * causally older than it; one causally older than (or equal to) a kept one changes nothing. Kept as
 * immutable arrays, so a snapshot after every read costs nothing when nothing changed.
 */
import { INIT } from './history.js';

/** Observed writes as flat pairs [write, read, write, read, …]; never mutated once built. */
export type Observed = readonly number[];

/** Per (process × keys + key): the positions of its reads of the key, and its observations after each. */
export type Snapshots = Map<number, { pos: number[]; obs: Observed[] }>;

/** Nothing observed. */
export const NOTHING: Observed = [];

/**
 * `older(a, b)`: write a (or INIT) is causally older than write b — a is in b's causal past and is
 * not b, or a is INIT.
 */
export type Older = (a: number, b: number) => boolean;

/** The observations after `read` returned `write` (a write, not INIT). */
export function observe(obs: Observed, write: number, read: number, older: Older): Observed {
  for (let i = 0; i < obs.length; i += 2) if (obs[i] === write || older(write, obs[i])) return obs;
  const out: number[] = [];
  for (let i = 0; i < obs.length; i += 2) if (!older(obs[i], write)) out.push(obs[i], obs[i + 1]);
  out.push(write, read);
  return out;
}

/** The first observed [write, read] that `value` (a write or INIT) is causally older than, or undefined. */
export function newerThan(obs: Observed, value: number, older: Older): [number, number] | undefined {
  for (let i = 0; i < obs.length; i += 2) if (value === INIT || older(value, obs[i])) return [obs[i], obs[i + 1]];
  return undefined;
}
