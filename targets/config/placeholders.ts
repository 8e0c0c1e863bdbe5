/**
 * Placeholders in a target config file: `{name}` in an argument is replaced by the node's name, and so
 * on. Each expands to exactly one string inside the argument it appears in — never through a shell —
 * so a value with spaces stays one argument. A `{word}` that is not a known placeholder is refused when
 * the file is loaded; other braces (`{"a": 1}`) are left alone.
 */

/** Placeholders in a node's args, env and files. */
export const NODE_PLACEHOLDERS = ['name', 'index', 'host', 'clientPort', 'peerPort', 'dataDir', 'token', 'peers', 'clockOffsetFile'] as const;

/**
 * Placeholders in the per-peer template of `peers`: the peer's `name` and `index`, `host` and
 * `clientPort`, and `peerHost:peerPort`, the address the node being started must dial to reach that
 * peer (`ClusterPlan.peerAddress`: a link proxy when the runtime puts one on the link).
 */
export const PEER_PLACEHOLDERS = ['name', 'index', 'host', 'clientPort', 'peerHost', 'peerPort'] as const;

/**
 * Placeholders in a process client's command: its home node's `name`, `host`, `clientPort`, and
 * `nodes`, every node as `name=host:clientPort` joined by commas (home node first).
 */
export const CLIENT_PLACEHOLDERS = ['name', 'host', 'clientPort', 'nodes'] as const;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The first `{word}` in `s` that is not among `known`, or undefined. */
export function unknownPlaceholder(s: string, known: readonly string[]): string | undefined {
  for (const m of s.matchAll(PLACEHOLDER)) if (!known.includes(m[1]!)) return m[1];
  return undefined;
}

/** `s` with every known `{word}` replaced by its value in `values`. */
export function expand(s: string, values: Readonly<Record<string, string | number>>): string {
  return s.replace(PLACEHOLDER, (whole, word: string) => (word in values ? String(values[word]) : whole));
}
