/** "Did you mean …?" for a word typed against a known set: case slips first, then the closest spelling. */

/** Edit distance: insertions, deletions, substitutions and swaps of two neighbours each 1 (optimal string alignment). */
function distance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known word the user most likely meant, or undefined when none is close: the same word in another case, a known
 * word that starts with what was typed (`timeout` → `timeoutSeconds`) or that
 * what was typed starts with (`warning` → `warn`), else one within a third of its length in edits.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  if (lower.length >= 3) {
    const extended = known.filter((k) => k.toLowerCase().startsWith(lower));
    if (extended.length === 1) return extended[0];
    const shortened = known.filter((k) => k.length >= 3 && lower.startsWith(k.toLowerCase()));
    if (shortened.length === 1) return shortened[0];
  }
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const d = distance(lower, word.toLowerCase());
    if (!best || d < best.d) best = { word, d };
  }
  return best && best.d <= Math.max(1, Math.floor(Math.max(typed.length, best.word.length) / 3))
    ? best.word
    : undefined;
}

/** " (did you mean "x"?)" or "". */
export function didYouMean(typed: string, known: readonly string[]): string {
  const match = closest(typed, known);
  return match ? ` (did you mean ${JSON.stringify(match)}?)` : '';
}
