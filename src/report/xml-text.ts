/**
 * Text in XML 1.0 (for junit.xml): the five markup characters escaped, and every character XML 1.0
 * cannot carry at all — C0 controls other than tab, newline and carriage return, U+FFFE/U+FFFF, lone
 * surrogates — written out visibly as `\xNN` / `\uNNNN` instead, so text from a history (a key, an
 * error message) can never make the file unparsable.
 */

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` safe as XML character data or as a (double- or single-quoted) attribute value. */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

/** An element: `<name a="v"…>children</name>`, or `<name …/>` without children. Children are markup. */
export function xmlElement(name: string, attrs: Record<string, string | number | undefined>, children: readonly string[] = []): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${children.join('')}</${name}>`;
}
