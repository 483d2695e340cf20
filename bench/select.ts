/** The rows `npm run bench` can run, by the names HVSCAN_BENCH takes. */
export const BENCH_ROWS = ['scale', 'rules', 'hyperv-collector', 'govmomi', 'standalone', 'memory'] as const;
export type BenchRow = (typeof BENCH_ROWS)[number];

/** HVSCAN_BENCH=govmomi,standalone → those rows; unset or empty → every row. An unknown name is an error. */
export function selectedRows(env: string | undefined): Set<BenchRow> {
  const names = (env ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(BENCH_ROWS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`HVSCAN_BENCH: unknown row ${unknown.join(', ')} (rows: ${BENCH_ROWS.join(', ')})`);
  return new Set(names.length === 0 ? BENCH_ROWS : (names as BenchRow[]));
}
