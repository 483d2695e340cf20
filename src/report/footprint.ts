import { isUnknown } from '../model/index.js';
import type { ScanReport } from './schema.js';

export interface FootprintRow {
  host: string;
  platform: string;
  /** Ring -1 only, bytes; null when unknown. */
  hypervisor: number | null;
  /** With the management partition / management tools, bytes; null when unknown. */
  withManagement: number | null;
  hypervisorDefinition?: string;
  withManagementDefinition?: string;
  unknownReason?: string;
}

/** The footprint comparison both ways, per host, read off the collected facts. */
export function footprintRows(report: ScanReport): FootprintRow[] {
  const rows: FootprintRow[] = [];
  for (const host of report.hosts) {
    if (!host.facts) continue;
    const { hypervisor, withManagement } = host.facts.footprint;
    rows.push({
      host: host.name,
      platform: host.facts.platform,
      hypervisor: isUnknown(hypervisor) ? null : hypervisor.bytes,
      withManagement: isUnknown(withManagement) ? null : withManagement.bytes,
      hypervisorDefinition: isUnknown(hypervisor) ? undefined : hypervisor.definition,
      withManagementDefinition: isUnknown(withManagement) ? undefined : withManagement.definition,
      unknownReason: isUnknown(hypervisor) ? hypervisor.reason : isUnknown(withManagement) ? withManagement.reason : undefined,
    });
  }
  return rows;
}

/** Median per platform of each measure, over the hosts where it is known. */
export function footprintByPlatform(rows: FootprintRow[]): Array<{ platform: string; hypervisor: number | null; withManagement: number | null; hosts: number }> {
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  return platforms.map((platform) => {
    const mine = rows.filter((r) => r.platform === platform);
    return {
      platform,
      hosts: mine.length,
      hypervisor: median(mine.map((r) => r.hypervisor)),
      withManagement: median(mine.map((r) => r.withManagement)),
    };
  });
}

function median(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
