/** Escaping for markup, for JSON inside <script>, and for inlined library code. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineScriptSource, jsonForScript, reportCsp } from '../../src/report/embed.js';

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });
});

describe('jsonForScript', () => {
  const nasty = { a: '</script><script>alert(1)</script>', b: '<!-- x -->', c: 'a\u2028b\u2029c', d: '&amp; <img src=x onerror=alert(1)>' };

  it('never contains <, > or & and parses back to the same value', () => {
    const s = jsonForScript(nasty);
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual(nasty);
  });

  it('carries bigints (exact integers beyond 2^53) as their digits, which the browser would round', () => {
    const json = jsonForScript({ value: 9007199254740993n, nested: [18446744073709551616n, 1] });
    expect(JSON.parse(json)).toEqual({ value: '9007199254740993', nested: ['18446744073709551616', 1] });
  });

  it('embeds null for undefined', () => {
    expect(jsonForScript(undefined)).toBe('null');
  });
});

describe('inlineScriptSource', () => {
  it('breaks up </script and <!-- and drops source-map comments', () => {
    const js = 'var s = "</script>"; var t = "<!--";\n//# sourceMappingURL=x.js.map';
    const out = inlineScriptSource(js);
    expect(out).not.toMatch(/<\/script/i);
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('sourceMappingURL');
    // still the same program
    expect(new Function(`${out}; return [s, t];`)()).toEqual(['</script>', '<!--']);
  });
});

describe('reportCsp', () => {
  it('allows no network source and only the given scripts, by hash', () => {
    const csp = reportCsp(['a()', 'b()']);
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash('a()')}' 'sha256-${hash('b()')}'`);
    expect(csp).not.toMatch(/unsafe-inline'?;?\s*$|script-src[^;]*unsafe-inline/);
  });
});
