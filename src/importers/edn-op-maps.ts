/**
 * The op maps of an EDN history, in every shape Jepsen and its tools write: one map per line, maps
 * spread over several lines, or a single vector or list of maps; `;` comments and `#_` discards
 * anywhere; maps as records (`#jepsen.history.Op{…}`, `#knossos.op.Op{…}`). Each map comes with the
 * line it starts on and its keyword-keyed fields. Anything else is a `UserError` naming
 * `file:line` in words.
 */
import { UserError } from '../core/errors.js';
import { EdnReader, EdnSyntaxError, type EdnForm } from './edn/reader.js';
import { describeEdn, type EdnValue } from './edn/value.js';

/** One op map: the line it starts on and its fields by keyword name (`:type` → "type"). */
export interface EdnOpMap {
  line: number;
  fields: Map<string, EdnValue>;
}

function opMap(file: string, form: EdnForm): EdnOpMap {
  let v = form.value;
  if (typeof v === 'object' && v !== null && v.kind === 'tagged' && typeof v.value === 'object' && v.value?.kind === 'map') v = v.value;
  if (typeof v !== 'object' || v === null || v.kind !== 'map') {
    throw new UserError(`${file}:${form.line}: expected an op map such as {:type :invoke, :f :read, :process 0}, found ${describeEdn(v)}`);
  }
  const fields = new Map<string, EdnValue>();
  for (const [k, x] of v.entries) if (typeof k === 'object' && k !== null && k.kind === 'keyword') fields.set(k.name, x);
  return { line: form.line, fields };
}

function located(file: string, e: unknown): unknown {
  return e instanceof EdnSyntaxError ? new UserError(`${file}:${e.line}: ${e.message}`) : e;
}

/** The op maps in `text`, in order. Throws `UserError` (`file:line: …`). */
export function* ednOpMaps(file: string, text: string): Generator<EdnOpMap> {
  const reader = new EdnReader(text);
  let seq: { kind: string; line: number } | undefined;
  let form: EdnForm | undefined;
  const read = (): EdnForm | undefined => {
    try {
      return reader.next();
    } catch (e) {
      throw located(file, e);
    }
  };
  try {
    seq = reader.enterSequence();
  } catch (e) {
    throw located(file, e);
  }
  while ((form = read())) yield opMap(file, form);
  if (!seq) return;
  const extra = read();
  if (extra) {
    throw new UserError(
      `${file}:${extra.line}: expected the end of the file after the ${seq.kind} of ops that starts on line ${seq.line}, found ${describeEdn(extra.value)}`,
    );
  }
}
