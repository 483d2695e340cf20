// Name patterns shared by suppressions (rule ids, hosts, subjects) and by rules that take lists of approved names.

/** `/regex/`: the text between the slashes is a regular expression. */
export function isRegexPattern(pattern: string): boolean {
  return pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

const compiled = new Map<string, RegExp>();

/** `/regex/` (unanchored, case-insensitive) or a glob with `*` and `?` (whole string, case-insensitive). */
export function matchesPattern(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = isRegexPattern(pattern)
      ? new RegExp(pattern.slice(1, -1), 'i')
      : new RegExp(
          `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
          'i',
        );
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}
