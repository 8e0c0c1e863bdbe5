/**
 * Config files a user writes (a target described without TypeScript, a cluster faultline did not
 * start): JSON or YAML, read with the `yaml` package (JSON is YAML too, so one parser gives line
 * numbers for both) and validated with a zod schema. Every mistake is one `UserError` line naming the
 * file, the line and the field (`cluster.yaml:7: nodes[1].port: expected a number, got "x"`), never a
 * stack trace.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { describeError, UserError } from './errors.js';

/** A field path as a user reads it: `nodes[1].port`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** The YAML node at `path` in `root`, or the deepest one that exists on the way. */
function nodeAt(root: unknown, path: readonly PropertyKey[]): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  for (const p of path) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((i) => (i.key as { value?: unknown } | null)?.value === p)?.value;
    else if (isSeq(node) && typeof p === 'number') next = node.items[p];
    if (next === undefined || next === null) break;
    node = next as YamlNode;
  }
  return node;
}

/** Reads `file` (JSON or YAML) and validates it with `schema`; a bad file is a `UserError` naming file:line and field. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`${file}: cannot read: ${describeError(e)}`);
  }
  return parseConfigText(file, text, schema);
}

/** As `loadConfigFile`, for text already read (`file` names it in errors). */
export function parseConfigText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lines.linePos(offset).line);
  const bad = doc.errors[0];
  if (bad) throw new UserError(`${file}:${lineOf(bad.pos[0])}: not valid JSON or YAML: ${bad.message.split('\n')[0]}`);
  if (doc.contents === null) throw new UserError(`${file}: empty; expected a JSON or YAML object`);
  const value: unknown = doc.toJS();
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = nodeAt(doc.contents, issue.path);
  const field = fieldPath(issue.path);
  throw new UserError(`${file}:${lineOf(at?.range?.[0])}: ${field === '' ? '' : `${field}: `}${issue.message}`);
}
