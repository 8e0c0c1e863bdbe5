/**
 * EDN values as the reader returns them. Scalars are plain JavaScript (`nil` → null, booleans,
 * strings; integers as exact numbers or bigints, see core/exact-json.ts; decimals as numbers);
 * everything whose kind a history importer must tell apart is a small tagged record: keywords,
 * symbols and characters (all three read as text, but are not strings), vectors, lists and sets
 * (a `[k v]` vector may be an independent-key tuple; a set `#{k v}` never is), maps (entries in
 * written order, keys of any kind) and tagged literals (`#inst "…"`, `#jepsen.history.Op{…}`).
 */

/** `:name` or `:ns/name`; `name` holds the text after the colon. */
export interface EdnKeyword {
  readonly kind: 'keyword';
  readonly name: string;
}

/** A bare symbol such as `INFO` or `java.net.SocketTimeoutException`. */
export interface EdnSymbol {
  readonly kind: 'symbol';
  readonly name: string;
}

/** A character literal such as `\a` or `\newline`; `char` is the character itself. */
export interface EdnChar {
  readonly kind: 'char';
  readonly char: string;
}

/** `[…]`, `(…)` or `#{…}`. */
export interface EdnSeq {
  readonly kind: 'vector' | 'list' | 'set';
  readonly items: EdnValue[];
}

/** `{k v …}`; keys are unique (the reader rejects a duplicate). */
export interface EdnMap {
  readonly kind: 'map';
  readonly entries: [EdnValue, EdnValue][];
}

/** `#tag value`. */
export interface EdnTagged {
  readonly kind: 'tagged';
  readonly tag: string;
  readonly value: EdnValue;
}

/** Any EDN value. */
export type EdnValue = null | boolean | number | bigint | string | EdnKeyword | EdnSymbol | EdnChar | EdnSeq | EdnMap | EdnTagged;

/** True for a map, vector, list, set or tagged value: anything that is not a scalar. */
export function isCompound(v: EdnValue): v is EdnSeq | EdnMap | EdnTagged {
  return typeof v === 'object' && v !== null && v.kind !== 'keyword' && v.kind !== 'symbol' && v.kind !== 'char';
}

const CHAR_NAMES: Record<string, string> = { '\n': 'newline', ' ': 'space', '\t': 'tab', '\r': 'return', '\b': 'backspace', '\f': 'formfeed' };

/** EDN text of a value, as Clojure would print it (used for map keys, messages and error values). */
export function printEdn(v: EdnValue): string {
  if (v === null) return 'nil';
  switch (typeof v) {
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? '##NaN' : v > 0 ? '##Inf' : '##-Inf';
    case 'string':
      return JSON.stringify(v);
  }
  switch (v.kind) {
    case 'keyword':
      return `:${v.name}`;
    case 'symbol':
      return v.name;
    case 'char':
      return `\\${CHAR_NAMES[v.char] ?? v.char}`;
    case 'vector':
      return `[${v.items.map(printEdn).join(' ')}]`;
    case 'list':
      return `(${v.items.map(printEdn).join(' ')})`;
    case 'set':
      return `#{${v.items.map(printEdn).join(' ')}}`;
    case 'map':
      return `{${v.entries.map(([k, x]) => `${printEdn(k)} ${printEdn(x)}`).join(', ')}}`;
    case 'tagged':
      return `#${v.tag} ${printEdn(v.value)}`;
  }
}

/** A few words naming a value for messages: `the symbol INFO`, `a vector`, `the number 3`. */
export function describeEdn(v: EdnValue): string {
  if (v === null) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return `the boolean ${v}`;
    case 'number':
    case 'bigint':
      return `the number ${printEdn(v)}`;
    case 'string':
      return `the string ${printEdn(v).slice(0, 40)}`;
  }
  if (v.kind === 'tagged') return `a #${v.tag} value`;
  if (v.kind === 'keyword' || v.kind === 'symbol' || v.kind === 'char') return `the ${v.kind} ${printEdn(v).slice(0, 40)}`;
  return `a ${v.kind}`;
}
