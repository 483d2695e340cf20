const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** A retention period as given ("90d") and in milliseconds. */
export interface Keep {
  text: string;
  ms: number;
}

/** "90d", "12w", "36h" → the period; undefined for any other text. */
export function keepFrom(text: string): Keep | undefined {
  const m = /^(\d+)([hdw])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) return undefined;
  return { text, ms: Number(m[1]) * UNITS[m[2]] };
}
