/**
 * Putting untrusted text into an HTML page safely. Everything the report shows that came from a
 * target, a history or a log travels as JSON inside a `<script type="application/json">` block and
 * is put on the page by the browser code with `textContent`, never as markup; the few strings the
 * server side writes into markup go through `escapeHtml`.
 */
import { createHash } from 'node:crypto';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A bigint (an integer beyond 2^53, see exact-json.ts) travels as its digits in a string. */
function bigintAsString(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

/**
 * Serialises `value` as JSON that can sit inside a `<script>` element: `<`, `>` and `&` become
 * `\u003c`-style escapes (so no `</script>` or `<!--` can appear), as do U+2028 and U+2029.
 * `JSON.parse` of the element's text gives back exactly `value`, except that a bigint comes back
 * as a string of its digits: the browser's `JSON.parse` would round bare digits to a double, and
 * the report must show the exact value.
 */
export function jsonForScript(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value ?? null);
  } catch (e) {
    if (!(e instanceof TypeError && /BigInt/i.test(e.message))) throw e;
    json = JSON.stringify(value, bigintAsString);
  }
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Makes JavaScript source safe to inline in a `<script>` element: a `</script` or `<!--` inside
 * it (in a string or a comment) is broken up so the HTML parser cannot end the element early.
 * Source-map comments are dropped: the report has no map files beside it.
 */
export function inlineScriptSource(js: string): string {
  return js
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/** Makes CSS safe to inline in a `<style>` element. */
export function inlineStyleSource(css: string): string {
  return css.replace(/^\/\*# sourceMappingURL=.*\*\/$/gm, '').replace(/<\/(style)/gi, '<\\/$1');
}

/** The CSP source for an inline script: `'sha256-…'` of its exact text. */
export function scriptHash(js: string): string {
  return `'sha256-${createHash('sha256').update(js, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of a report: no network access of any kind, and only the page's own
 * scripts (by hash) may run — an injected `onerror=` attribute or `<script>` would be refused even
 * if some string escaped escaping.
 */
export function reportCsp(scripts: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(scriptHash).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
