import { UserError } from '../core/errors.js';

const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "90d", "12w", "36h" → milliseconds. */
export function parseKeep(value: string): number {
  const m = /^(\d+)([hdw])$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0) throw new UserError(`--keep: expected a duration such as 90d, 12w or 36h, got "${value}"`);
  return Number(m[1]) * UNITS[m[2]];
}
