/**
 * Removes secrets from anything that leaves the process (log lines, report errors). Three layers:
 * the exact values the engine resolved from env/files, keys that hold secrets by name, and text patterns
 * for session cookies, Authorization and API-key headers, password/pwd assignments, NTLM tokens and PEM private keys.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(password|passwd|pwd|passphrase|privatekey|private_key|secret|token|(?:x-)?api[-_]?key|(?:proxy-)?authorization|cookie|set-cookie|vmware_soap_session|vmware-api-session-id)$/i;

/** Key names whose assigned value is a secret in free text: `pwd=` (ODBC), `api-key:`, `X-API-Key:`, `apikey=`. */
const SECRET_ASSIGNED = String.raw`(?:password|passwd|pwd|passphrase|(?:x-)?api[-_]?key)`;

const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /(vmware_soap_session\s*=\s*"?)[^";\s,]+/gi,
  /(vmware-api-session-id["']?\s*[:=]\s*["']?)[^"'\s,;}]+/gi,
  /((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:basic|bearer|negotiate|ntlm|digest)?\s*)[^"'\s,;}]+/gi,
  /TlRMTVNTUA[A-Za-z0-9+/=]*/g,
  // The SOAP Login body: an XML-escaped password (p&amp;ss) no longer equals the registered value.
  /(<(?:[\w-]+:)?(?:password|passphrase)\b[^>]*(?<!\/)>)[^<]*/gi,
  // A quoted value is removed up to its closing quote: a password may hold spaces or commas.
  new RegExp(String.raw`(${SECRET_ASSIGNED}["']?\s*[:=]\s*")(?:\\.|[^"\\])*`, 'gi'),
  new RegExp(String.raw`(${SECRET_ASSIGNED}["']?\s*[:=]\s*')(?:\\.|[^'\\])*`, 'gi'),
  new RegExp(String.raw`(${SECRET_ASSIGNED}["']?\s*[:=]\s*)[^"'\s,;&}]+`, 'gi'),
];

const SCHEME_TOKEN = /((?:basic|negotiate|ntlm|bearer)\s+)([A-Za-z0-9+/=._~-]+)/gi;

function looksEncoded(token: string): boolean {
  if (token.length < 12) return false;
  return /[0-9+/=]/.test(token) || (token.length >= 16 && /[a-z]/.test(token) && /[A-Z].*[A-Z]/.test(token));
}

/** The last four characters before position i+1 as one number (low byte of each): a window key, collisions allowed. */
const shiftIn = (key: number, code: number) => ((key << 8) | (code & 0xff)) >>> 0;

export class Redactor {
  private readonly values = new Set<string>();
  /** Secrets by the key of their first four characters; rebuilt after addSecret. */
  private byPrefix?: Map<number, string[]>;

  /** A secret value resolved at run time; every later occurrence in text is replaced. Ignores very short values. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) {
      this.values.add(value);
      // A PEM key also travels line by line in some error messages.
      for (const line of value.split(/\r?\n/)) if (line.length >= 16) this.values.add(line);
      // Request bodies carry it escaped: inside a SOAP element or a JSON string.
      this.values.add(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      this.values.add(JSON.stringify(value).slice(1, -1));
      this.byPrefix = undefined;
    }
  }

  /**
   * Whether `text` contains a registered secret, in one pass over the text whatever the number of secrets (a scan
   * registers one per host: testing each string against each secret grew with hosts squared).
   */
  private hasKnown(text: string): boolean {
    if (this.values.size === 0 || text.length < 4) return false;
    if (!this.byPrefix) {
      this.byPrefix = new Map();
      for (const value of this.values) {
        let key = 0;
        for (let i = 0; i < 4; i++) key = shiftIn(key, value.charCodeAt(i));
        this.byPrefix.set(key, [...(this.byPrefix.get(key) ?? []), value]);
      }
    }
    let key = 0;
    for (let i = 0; i < text.length; i++) {
      key = shiftIn(key, text.charCodeAt(i));
      if (i < 3) continue;
      const candidates = this.byPrefix.get(key);
      if (candidates) for (const value of candidates) if (text.startsWith(value, i - 3)) return true;
    }
    return false;
  }

  /** Replaces only the registered secret values: cheap enough for whole reports (host data may echo a secret). */
  known(input: string): string {
    if (!this.hasKnown(input)) return input;
    let out = input;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  }

  /** `value` with registered secrets replaced in every string; returned as is (no copy) when none occurs. */
  knownDeep<T>(value: T): T {
    if (this.values.size === 0 || !this.containsKnown(value)) return value;
    if (typeof value === 'string') return this.known(value) as T;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.knownDeep(item)) as T;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [this.known(k), this.knownDeep(v)]),
    ) as T;
  }

  private containsKnown(root: unknown): boolean {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const item = stack.pop();
      if (typeof item === 'string') {
        if (this.hasKnown(item)) return true;
      } else if (item !== null && typeof item === 'object') {
        if (Array.isArray(item)) stack.push(...item);
        else for (const key in item) stack.push(key, (item as Record<string, unknown>)[key]);
      }
    }
    return false;
  }

  text(input: string): string {
    let out = this.known(input);
    for (const pattern of SECRET_PATTERNS) {
      out = out.replace(pattern, (_match, prefix?: string) =>
        typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    // "Basic dXNlcjpwYXNz" but not "Basic authentication": a credential token is long and has a digit, base64
    // punctuation, or the mixed case of encoded bytes.
    return out.replace(SCHEME_TOKEN, (match, scheme: string, token: string) =>
      looksEncoded(token) ? `${scheme}${REDACTED}` : match,
    );
  }

  /** A deep copy of `value` with secret keys blanked and every string passed through text(). */
  value<T>(value: T, ancestors = new WeakSet<object>()): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (value === null || typeof value !== 'object') return value;
    // Only a reference back to an ancestor is a cycle; the same object shared by two findings is copied twice.
    if (ancestors.has(value)) return '[Circular]' as T;
    ancestors.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.value(item, ancestors)) as T;
      const out: Record<string, unknown> = {};
      const source =
        value instanceof Error ? { ...value, name: value.name, message: value.message, stack: value.stack } : value;
      for (const [key, item] of Object.entries(source)) {
        out[key] = SECRET_KEY.test(key) && item !== undefined ? REDACTED : this.value(item, ancestors);
      }
      return out as T;
    } finally {
      ancestors.delete(value);
    }
  }
}

/** The process-wide redactor: the engine registers resolved credentials; logger and report writer use it. */
export const redactor = new Redactor();
