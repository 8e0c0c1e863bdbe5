/**
 * An EDN reader with line numbers (https://github.com/edn-format/edn, plus what Clojure's printer
 * writes into Jepsen histories: record tags such as `#jepsen.history.Op{…}`, `##Inf`, namespaced
 * maps `#:ns{…}`). It reads one top-level form at a time, so a history of a million ops is never a
 * million-element tree, and it can step into one top-level vector or list to hand out its elements
 * one by one (`enterSequence`), for histories written as a single `[{…} {…} …]`.
 *
 * Errors are `EdnSyntaxError`s: a sentence and the line where the problem is (for something left
 * unclosed, the line where it was opened). Duplicate map keys and set elements are errors, as the
 * EDN spec says; they are compared by their printed form.
 */
import { readAtom } from './atoms.js';
import { EdnScanner } from './scanner.js';
import { describeEdn, printEdn, type EdnKeyword, type EdnSeq, type EdnValue } from './value.js';

export { EdnSyntaxError } from './scanner.js';

/** A top-level form (or an element of the entered sequence) and the line it starts on. */
export interface EdnForm {
  value: EdnValue;
  line: number;
}

/** Reads EDN forms from `text`, in order. */
export class EdnReader extends EdnScanner {
  private readonly keywords = new Map<string, EdnKeyword>();
  private entered: { kind: 'vector' | 'list'; close: string; line: number } | undefined;

  /**
   * If the next form is a vector or list, steps into it and returns its kind and line: `next` then
   * returns its elements and `undefined` at its end, after which it reads top-level forms again.
   */
  enterSequence(): { kind: 'vector' | 'list'; line: number } | undefined {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c !== '[' && c !== '(') return undefined;
    this.pos++;
    this.entered = c === '[' ? { kind: 'vector', close: ']', line: this.line } : { kind: 'list', close: ')', line: this.line };
    return { kind: this.entered.kind, line: this.entered.line };
  }

  /** The next form, or `undefined` at the end of the text (or of the entered sequence). */
  next(): EdnForm | undefined {
    this.skipSpace();
    const seq = this.entered;
    if (seq && this.text[this.pos] === seq.close) {
      this.pos++;
      this.entered = undefined;
      return undefined;
    }
    if (this.atEnd()) {
      if (seq) throw this.unclosed(seq.kind, seq.close, seq.line);
      return undefined;
    }
    const line = this.line;
    return { value: this.readValue(), line };
  }

  private unclosed(what: string, close: string, line: number): Error {
    return this.fail(`expected "${close}" to close the ${what} opened on this line, found the end of the file`, line);
  }

  protected readValue(): EdnValue {
    this.skipSpace();
    if (this.atEnd()) throw this.fail('expected a value, found the end of the file');
    const c = this.text[this.pos];
    if (c === '(') return { kind: 'list', items: this.readItems('list', ')').items };
    if (c === '[') return { kind: 'vector', items: this.readItems('vector', ']').items };
    if (c === '{') return this.readMap(undefined);
    if (c === '"') return this.readString();
    if (c === '\\') return this.readChar();
    if (c === '#') return this.readDispatch();
    if (c === ')' || c === ']' || c === '}') throw this.fail(`found "${c}" with nothing open for it to close`);
    const line = this.line;
    try {
      return readAtom(this.readToken(), this.keywords);
    } catch (e) {
      throw this.fail((e as Error).message, line);
    }
  }

  /** Reads forms up to `close` (the opener is at `pos`), with the line each starts on. */
  private readItems(what: string, close: string): { items: EdnValue[]; lines: number[]; line: number } {
    const line = this.line;
    this.pos++;
    const items: EdnValue[] = [];
    const lines: number[] = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) throw this.unclosed(what, close, line);
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return { items, lines, line };
      }
      if (c === ')' || c === ']' || c === '}') throw this.fail(`expected "${close}" to close the ${what} opened on line ${line}, found "${c}"`);
      lines.push(this.line);
      items.push(this.readValue());
    }
  }

  private readSet(): EdnSeq {
    const { items, lines, line } = this.readItems('set', '}');
    const seen = new Set<string>();
    items.forEach((v, i) => {
      const printed = printEdn(v);
      if (seen.has(printed)) throw this.fail(`the set opened on line ${line} holds ${printed.slice(0, 40)} twice; set elements must be unique`, lines[i]);
      seen.add(printed);
    });
    return { kind: 'set', items };
  }

  /** Reads `{…}`; with `ns` (from `#:ns{…}`), keywords without a namespace get it. */
  private readMap(ns: string | undefined): EdnValue {
    const { items, lines, line } = this.readItems('map', '}');
    if (items.length % 2 === 1) {
      throw this.fail(`the map opened on line ${line} has a key with no value: ${describeEdn(items[items.length - 1])}`, lines[lines.length - 1]);
    }
    const entries: [EdnValue, EdnValue][] = [];
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i += 2) {
      let key = items[i];
      if (ns !== undefined && typeof key === 'object' && key?.kind === 'keyword' && !key.name.includes('/')) key = { kind: 'keyword', name: `${ns}/${key.name}` };
      const printed = printEdn(key);
      if (seen.has(printed)) throw this.fail(`the map opened on line ${line} has the key ${printed.slice(0, 40)} twice; map keys must be unique`, lines[i]);
      seen.add(printed);
      entries.push([key, items[i + 1]]);
    }
    return { kind: 'map', entries };
  }

  /** Reads what follows `#`: a set, `##Inf`-style numbers, a namespaced map or a tagged value. */
  private readDispatch(): EdnValue {
    const next = this.text[this.pos + 1];
    const line = this.line;
    if (next === '{') {
      this.pos++;
      return this.readSet();
    }
    if (next === '#') {
      this.pos += 2;
      const token = this.readToken();
      const special: Record<string, number> = { Inf: Infinity, '-Inf': -Infinity, NaN: NaN };
      if (token in special) return special[token];
      throw this.fail(`expected ##Inf, ##-Inf or ##NaN, found "##${token}"`);
    }
    if (next === ':') {
      this.pos += 2;
      const ns = this.readToken();
      if (this.text[this.pos] !== '{') throw this.fail(`expected a map after #:${ns}`);
      return this.readMap(ns);
    }
    if (next === undefined || !/\p{L}/u.test(next)) {
      const what = next === '"' ? 'a regular expression #"…"' : `"#${next ?? ''}"`;
      throw this.fail(`${what} is not EDN; expected a tag such as #inst, a set #{…} or a discard #_`);
    }
    this.pos++;
    const tag = this.readToken();
    this.skipSpace();
    if (this.atEnd()) throw this.fail(`expected a value after the tag #${tag}, found the end of the file`, line);
    const value = this.readValue();
    if ((tag === 'inst' || tag === 'uuid') && typeof value !== 'string') throw this.fail(`expected a string after #${tag}, found ${describeEdn(value)}`, line);
    return { kind: 'tagged', tag, value };
  }
}
