/**
 * EDN reading for the importers, on the `edn-data` package: keywords become strings without the
 * colon, maps become plain objects, lists/sets become arrays. `edn-data` is lenient, so each value
 * is checked here to be one complete form.
 */
import { EDNListParser } from 'edn-data/dist/parse.js';

const OPTIONS = { mapAs: 'object', keywordAs: 'string', listAs: 'array', setAs: 'array', charAs: 'string', symbolAs: 'string' } as const;

/** Parses all complete EDN forms in `text`; throws an Error if a form is left unfinished. */
export function parseEdnForms(text: string): unknown[] {
  const parser = new EDNListParser(OPTIONS);
  const values = parser.next(text + '\n') as unknown[];
  if (parser.stack.length > 0) throw new Error('expected a complete EDN form, found an unclosed bracket');
  return values;
}

/** Parses text holding exactly one EDN map. */
export function parseEdnMap(text: string): Record<string, unknown> {
  const forms = parseEdnForms(text);
  if (forms.length !== 1) throw new Error(`expected one EDN map, found ${forms.length} forms`);
  const m = forms[0];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new Error('expected an EDN map {…}');
  return m as Record<string, unknown>;
}
