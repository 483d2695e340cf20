/**
 * The one way hvscan writes HTML: the `html` tagged template. Every interpolated value is escaped for the place it
 * lands (element text or a quoted attribute value), so a host-supplied string cannot open an element or an attribute.
 * Nested `html` results (SafeHtml) are inserted as they are, arrays are joined, and null/undefined/false render as
 * nothing. The only unescaped path is `trustedHtml`, which accepts a string literal type only (the stylesheet).
 */

/** Markup that is already safe: made only by `html` or `trustedHtml`. The private field makes the type nominal. */
class Markup {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}
export type SafeHtml = Markup;

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const SPECIALS = new RegExp(SPECIAL.source, 'g');

/** Escapes text for element content and quoted attribute values; control characters become U+FFFD. */
function escapeText(value: string): string {
  // Most host strings need nothing: one scan answers that before any replacing.
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ENTITIES[c] ?? '\uFFFD') : value;
}

/** Where a hole of a template sits: decides how its value is written. */
type HoleContext = 'text' | 'attribute' | 'url' | 'raw-text';

/** Attributes whose value is fetched or navigated to: a hostile scheme (javascript:, data:) must not reach them. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster']);
/** Elements whose content the browser does not parse as HTML: escaping would not protect it, so only SafeHtml goes in. */
const RAW_TEXT_ELEMENTS = new Set(['style', 'script']);
/** Links may point to the web or within the page; anything else (javascript:, data:, file:) is dropped. */
const ALLOWED_URL = /^(?:https?:\/\/|#)/i;

/**
 * Reads a template's literal parts once and says for each hole where it sits. Throws for a hole the template cannot
 * make safe by escaping: an unquoted attribute, a tag or attribute name, or part of a URL attribute.
 */
function holeContexts(strings: readonly string[]): HoleContext[] {
  let state: 'text' | 'tag' | 'raw-text' = 'text';
  let quote: '"' | "'" | null = null;
  let attribute = '';
  let tagName = '';
  let closing = false;
  const contexts: HoleContext[] = [];
  strings.forEach((literal, index) => {
    for (let i = 0; i < literal.length; i++) {
      const c = literal[i];
      if (state === 'raw-text') {
        if (literal.startsWith(`</${tagName}`, i)) state = 'text';
      } else if (state === 'text') {
        // As in HTML, `<` opens a tag only before a letter, `/` or `!`; otherwise (`a < b`) it is text.
        const tag = /^<(\/?)([a-z][\w:-]*|!)/i.exec(literal.slice(i, i + 64));
        if (tag) {
          state = 'tag';
          closing = tag[1] === '/';
          tagName = tag[2].toLowerCase();
        }
      } else if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") {
        quote = c;
        attribute = (/([\w:-]+)\s*=\s*$/.exec(literal.slice(0, i)) ?? ['', ''])[1].toLowerCase();
      } else if (c === '>') {
        state = !closing && RAW_TEXT_ELEMENTS.has(tagName) ? 'raw-text' : 'text';
      }
    }
    if (index === strings.length - 1) return;
    if (state === 'raw-text') contexts.push('raw-text');
    else if (state === 'text' && /<\/?$/.test(literal))
      throw new Error(`html template: hole ${index} would name a tag`);
    else if (state === 'text') contexts.push('text');
    else if (!quote)
      throw new Error(`html template: hole ${index} is inside a tag but not in a quoted attribute value`);
    else if (!URL_ATTRIBUTES.has(attribute)) contexts.push('attribute');
    else if (literal.endsWith(quote) && strings[index + 1].startsWith(quote)) contexts.push('url');
    else throw new Error(`html template: hole ${index} must be the whole value of the ${attribute} attribute`);
  });
  return contexts;
}

const contextsByTemplate = new WeakMap<TemplateStringsArray, HoleContext[]>();

function write(value: HtmlValue, context: HoleContext): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) {
    if (context === 'text' || context === 'raw-text') return value.toString();
    throw new Error('html template: markup cannot go into an attribute value');
  }
  if (Array.isArray(value)) return value.map((item: HtmlValue) => write(item, context)).join('');
  const text = String(value);
  if (context === 'raw-text') throw new Error('html template: only trusted markup may go inside <style> or <script>');
  if (context === 'url') return ALLOWED_URL.test(text.trim()) ? escapeText(text.trim()) : '';
  return escapeText(text);
}

/** Writes HTML: interpolations are escaped unless they are SafeHtml themselves. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let contexts = contextsByTemplate.get(strings);
  if (!contexts) contextsByTemplate.set(strings, (contexts = holeContexts(strings)));
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += write(values[i], contexts[i]) + strings[i + 1];
  return new Markup(out);
}

/**
 * Marks a constant as markup without escaping it. The parameter type admits string literals only, so text built at
 * run time (a host's name, a message) cannot be passed; grep for trustedHtml to review every use.
 */
export function trustedHtml<T extends string>(constant: string extends T ? never : T): SafeHtml {
  return new Markup(constant);
}
