/**
 * Text for values in descriptions and default hashes: JSON, except that a `bigint` (an integer too
 * large for a double, kept exact) is written as its digits where `JSON.stringify` would throw.
 */

function showSlow(x: unknown): string {
  if (typeof x === 'bigint') return x.toString();
  if (Array.isArray(x)) return `[${x.map((v) => (v === undefined ? 'null' : showSlow(v))).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    const fields = Object.entries(x).filter(([, v]) => v !== undefined);
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${showSlow(v)}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? String(x);
}

/** JSON text of `x` (`String(x)` where JSON has none), with bigints as bare digits. */
export function showJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch (e) {
    if (e instanceof TypeError && /BigInt/i.test(e.message)) return showSlow(x);
    throw e;
  }
}
