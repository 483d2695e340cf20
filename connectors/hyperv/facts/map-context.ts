import { isUnknown, unknown, type UnknownFact } from '../../../src/core/model/index.js';
import { ADMIN_ONLY, type SectionName, type Sections } from '../collector/document.js';
import type { CollectorDocument } from '../collector/parse.js';

/** What every mapper needs: the validated document and whether the collector ran elevated. */
export interface MapContext {
  doc: CollectorDocument;
  /** undefined when the privilege section itself is missing. */
  isAdmin: boolean | undefined;
}

export const REQUIRES_ADMIN = 'requires administrator (the collector ran without an elevated token)';

/** Why a section's facts are unknown. */
export function reasonFor(ctx: MapContext, name: SectionName): string {
  const failure = ctx.doc.failed[name] ?? 'not collected';
  if (ctx.isAdmin === false && ADMIN_ONLY.has(name)) return `${REQUIRES_ADMIN}: ${failure}`;
  return `section ${name} failed: ${failure}`;
}

/** The section's value, or the unknown fact that explains its absence. */
export function read<K extends SectionName>(ctx: MapContext, name: K): Sections[K] | UnknownFact {
  return ctx.doc.sections[name] ?? unknown(reasonFor(ctx, name));
}

/** Why the collector could not read what it labels `label` in `section` (a registry value, a list), if it could not. */
export function readError(ctx: MapContext, section: SectionName, label: string): string | undefined {
  const labels = ctx.doc.envelope.readErrors[section];
  return labels && Object.hasOwn(labels, label) ? labels[label] : undefined;
}

/** The listening section's enumerations: one that failed leaves the list unknown (it would read as "nothing listens"). */
export const LISTENING_READS = ['tcp', 'udp'] as const;

/** Windows' default dynamic port range, 49152-65535 (Microsoft Learn, "The default dynamic port range for TCP/IP"). */
const DEFAULT_DYNAMIC_PORTS = { start: 49152, count: 16384 };

/**
 * Listening endpoints: every listening TCP port, and the UDP endpoints bound outside the dynamic port range. A UDP
 * socket bound only to send (a DNS query, a client) gets its port from that range and receives nothing unsolicited;
 * when Get-NetUDPSetting did not answer, the Windows default range stands in.
 */
export function listeners(ctx: MapContext): Sections['listening'] | UnknownFact {
  const l = readWhole(ctx, 'listening', LISTENING_READS);
  if (isUnknown(l)) return l;
  const range = l.udpDynamicPorts ?? DEFAULT_DYNAMIC_PORTS;
  const ephemeral = (port: number) => port >= range.start && port < range.start + range.count;
  return { ...l, items: l.items.filter((i) => i.protocol !== 'udp' || !ephemeral(i.port)) };
}

/** The section's value, or unknown when it is absent or the collector could not read all of it (any of `labels`). */
export function readWhole<K extends SectionName>(
  ctx: MapContext,
  name: K,
  labels: readonly string[],
): Sections[K] | UnknownFact {
  for (const label of labels) {
    const error = readError(ctx, name, label);
    if (error) return unknown(ctx.isAdmin === false && ADMIN_ONLY.has(name) ? `${REQUIRES_ADMIN}: ${error}` : error);
  }
  return read(ctx, name);
}

/** A value read inside a section, or unknown with a reason naming what is missing. */
export function have<T>(value: T | null | undefined, reason: string): T | UnknownFact {
  return value === null || value === undefined ? unknown(reason) : value;
}

/** Drops null/undefined properties so optional model fields stay absent instead of null. */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
