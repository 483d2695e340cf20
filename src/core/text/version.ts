/** "8.0.3" >= "8.0.2": dotted numeric comparison, missing or unreadable parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Whether `version` (absent when the host did not say) is `min` or newer; an absent version is not. */
export function versionAtLeast(version: string | undefined, min: string): boolean {
  return version !== undefined && compareVersions(version, min) >= 0;
}
