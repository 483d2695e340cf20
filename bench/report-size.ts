/**
 * Bytes each host entry takes in a written JSON report: the report writes every host entry on a line of its own
 * (src/report/json.ts), so an entry's size is its line's, without the indent and the comma that joins it to the next.
 */
export function hostEntrySizes(reportText: string): number[] {
  const lines = reportText.split('\n');
  const start = lines.indexOf('  "hosts": [');
  if (start < 0) return [];
  const sizes: number[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    {')) break;
    sizes.push(Buffer.byteLength(line.trim().replace(/,$/, ''), 'utf8'));
  }
  return sizes;
}

/** Largest and mean host entry of a written report, in KB (1,024 bytes). */
export function reportKbPerHost(reportText: string): { maxKb: number; meanKb: number } {
  const sizes = hostEntrySizes(reportText);
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return { maxKb: kb(Math.max(0, ...sizes)), meanKb: kb(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)) };
}
