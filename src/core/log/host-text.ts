/**
 * Text that came from a host (error replies, stderr, XML names, fact values) before it reaches a terminal, a log or a
 * report. Two guards, used together by every such path:
 * - control characters are escaped, so a host cannot clear the screen, set the window title, recolour or rewrite a
 *   line (ESC, OSC, CR), or reorder text with bidirectional overrides;
 * - quoted text is capped, with the length said, so 20 MB of stderr cannot make a 20 MB error.
 */

/** Longest host text kept in one error message. */
export const MAX_QUOTED_CHARS = 4096;

/** C0 except tab and newline, DEL, C1 (8-bit CSI/OSC), and the Unicode bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC and so on: the character stays visible as evidence and does nothing. */
export function escapeControls(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** The first `max` characters and the length of the whole, when it is longer. */
export function capText(text: string, max = MAX_QUOTED_CHARS): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… [cut: ${text.length} characters in all, first ${max} shown]`;
}

/** Capped, then escaped: for error messages. Redact before calling this (a cut could split a secret in two). */
export function safeHostText(text: string, max = MAX_QUOTED_CHARS): string {
  return escapeControls(capText(text, max));
}

/**
 * Escapes control characters in every string (values and keys) of a JSON-like value, in place, and caps each value
 * at `maxChars` when given; returns it.
 */
export function escapeControlsInPlace<T>(root: T, maxChars?: number): T {
  const clean = (text: string) => escapeControls(maxChars === undefined ? text : capText(text, maxChars));
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      item.forEach((value, index) => (typeof value === 'string' ? (item[index] = clean(value)) : stack.push(value)));
      continue;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      const safeKey = escapeControls(key);
      if (safeKey !== key) {
        delete record[key];
        record[safeKey] = value;
      }
      if (typeof value === 'string') record[safeKey] = clean(value);
      else stack.push(value);
    }
  }
  return root;
}
