import { describe, expect, it } from 'vitest';
import { html, trustedHtml, type SafeHtml } from '../../src/report/html/template.js';

const HOSTILE = `<script>x()</script>&"'`;
const HOSTILE_ESCAPED = '&lt;script&gt;x()&lt;/script&gt;&amp;&quot;&#39;';

describe('html tagged template', () => {
  it('escapes text and both kinds of quoted attribute values', () => {
    expect(String(html`<p>${HOSTILE}</p>`)).toBe(`<p>${HOSTILE_ESCAPED}</p>`);
    expect(String(html`<td title="${'" onmouseover="x()'}" data-x='${"' onclick='x()"}'>`)).toBe(
      `<td title="&quot; onmouseover=&quot;x()" data-x='&#39; onclick=&#39;x()'>`,
    );
    // Part of an attribute value, after a constant prefix, is escaped the same way.
    expect(String(html`<span class="sev sev-${'x" onclick="y'}">`)).toBe(
      '<span class="sev sev-x&quot; onclick=&quot;y">',
    );
  });

  it('turns control characters into U+FFFD and writes numbers as text', () => {
    expect(String(html`<p>${'a\u0000b\u001bc\u007f'} ${0} ${2.5}</p>`)).toBe('<p>a\uFFFDb\uFFFDc\uFFFD 0 2.5</p>');
  });

  it('inserts nested templates once escaped, not twice', () => {
    const inner = html`<b>${HOSTILE}</b>`;
    expect(String(html`<div>${inner}</div>`)).toBe(`<div><b>${HOSTILE_ESCAPED}</b></div>`);
    expect(String(html`<div>${html`<i>${inner}</i>`}</div>`)).toBe(`<div><i><b>${HOSTILE_ESCAPED}</b></i></div>`);
  });

  it('joins arrays, nested arrays included, escaping each string item', () => {
    const items: SafeHtml[] = ['a', '<b>'].map((x) => html`<li>${x}</li>`);
    expect(String(html`<ul>${items}${['<c>', [1, html`<li>d</li>`]]}</ul>`)).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li>&lt;c&gt;1<li>d</li></ul>',
    );
    expect(String(html`<ul>${[]}</ul>`)).toBe('<ul></ul>');
  });

  it('renders null, undefined, false and the empty string as nothing', () => {
    const missing: string | undefined = undefined;
    const flag = (on: boolean) => on && html`<b>on</b>`;
    expect(String(html`<p>${null}|${missing}|${false}|${''}|${flag(false)}|${flag(true)}</p>`)).toBe(
      '<p>|||||<b>on</b></p>',
    );
  });

  it('inserts unescaped text only through trustedHtml', () => {
    expect(String(html`<style>${trustedHtml('a>b{color:red}')}</style>`)).toBe('<style>a>b{color:red}</style>');
    // An object that merely prints as markup is not SafeHtml: it is escaped.
    const lookalike = { toString: () => '<b>bold</b>' } as unknown as string;
    expect(String(html`<p>${lookalike}</p>`)).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
    const runtimeText: string = HOSTILE;
    // @ts-expect-error trustedHtml takes string literals only, never text built at run time.
    expect(String(trustedHtml(runtimeText))).toBe(HOSTILE);
  });

  it('keeps http(s) and in-page links and drops every other scheme', () => {
    const link = (url: string) => String(html`<a href="${url}">x</a>`);
    expect(link('https://kb.vmware.com/s/article/1?a=1&b=2')).toBe(
      '<a href="https://kb.vmware.com/s/article/1?a=1&amp;b=2">x</a>',
    );
    expect(link('#host-esx01')).toBe('<a href="#host-esx01">x</a>');
    for (const hostile of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>x()</script>',
      'file:///etc/passwd',
      '//evil.example/x',
      'vbscript:x',
    ])
      expect(link(hostile), hostile).toBe('<a href="">x</a>');
  });

  it('refuses holes that escaping cannot make safe', () => {
    const value = 'x';
    expect(() => html`<td ${value}>`).toThrow(/not in a quoted attribute value/);
    expect(() => html`<td class=${value}>`).toThrow(/not in a quoted attribute value/);
    expect(() => html`<${value}>`).toThrow(/would name a tag/);
    expect(() => html`</${value}>`).toThrow(/would name a tag/);
    expect(() => html`<a href="https://${value}">`).toThrow(/whole value of the href attribute/);
    expect(() => html`<style>${value}</style>`).toThrow(/only trusted markup/);
    expect(() => html`<td title="${html`<b>x</b>`}">`).toThrow(/cannot go into an attribute value/);
    // A `<` that opens no tag is text, so the hole after it is text too.
    expect(String(html`<p>1 < 2 ${'<i>'}</p>`)).toBe('<p>1 < 2 &lt;i&gt;</p>');
    // After </style> the template is back in text, where strings are escaped again.
    expect(String(html`<style>${trustedHtml('p{}')}</style><p>${'<i>'}</p>`)).toBe(
      '<style>p{}</style><p>&lt;i&gt;</p>',
    );
  });
});
