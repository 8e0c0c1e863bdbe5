/**
 * EDN values as faultline op values: plain JSON data (with exact bigints), so `jq` works on an
 * imported history. Keywords, symbols and characters become their text (`:read` → "read",
 * `:ns/k` → "ns/k"); vectors, lists and sets become arrays in written order; maps become objects
 * (keyword and string keys by their text, any other key by its EDN text, e.g. "[1 2]"); `#inst`
 * and `#uuid` become their strings, and any other tagged value (a record such as
 * `#jepsen.history.Op{…}`, `#object[…]`) becomes its value without the tag. So a transaction
 * `[[:append :x 1] [:r :y [1 2]]]` becomes `[["append","x",1],["r","y",[1,2]]]`.
 */
import { printEdn, type EdnValue } from './value.js';

/** The text a map key becomes. */
export function keyText(k: EdnValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'object' && k !== null && (k.kind === 'keyword' || k.kind === 'symbol')) return k.name;
  return printEdn(k);
}

/** An object with `key` set as an own property, even for "__proto__". */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * The op value for an EDN value. Throws a plain Error if two keys of a map become the same text
 * (`{:a 1 "a" 2}`): the history would silently lose one.
 */
export function toPlain(v: EdnValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  switch (v.kind) {
    case 'keyword':
    case 'symbol':
      return v.name;
    case 'char':
      return v.char;
    case 'vector':
    case 'list':
    case 'set':
      return v.items.map(toPlain);
    case 'tagged':
      return toPlain(v.value);
    case 'map': {
      const out: Record<string, unknown> = {};
      const from = new Map<string, EdnValue>();
      for (const [k, x] of v.entries) {
        const text = keyText(k);
        const other = from.get(text);
        if (other !== undefined) throw new Error(`the map keys ${printEdn(other)} and ${printEdn(k)} would both become "${text}"`);
        from.set(text, k);
        define(out, text, toPlain(x));
      }
      return out;
    }
  }
}
