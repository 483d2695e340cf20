import type { z } from 'zod';
import { FACTS_SCHEMA_VERSION, HypervHostFacts, type Collection } from '../../../src/core/model/index.js';
import { CollectError } from '../../../src/core/connector/errors.js';
import { SECTIONS } from '../collector/document.js';
import type { MapContext } from './map-context.js';
import { mapExposure } from './map-exposure.js';
import { mapHypervDetails } from './map-hyperv.js';
import { mapAgents, mapDrivers, mapServices, mapVms } from './map-inventory.js';
import { mapFootprint } from './map-footprint.js';
import { mapCpu, mapFirmware, mapIdentity, mapProduct } from './map-platform.js';
import { parseCollectorOutput, type CollectorOutput } from '../collector/parse.js';

/** Who was scanned and how; the connector fills it from the target and the transport. */
export interface CollectionMeta {
  name: string;
  address: string;
  protocol: string;
  serverTrust: z.infer<typeof Collection>['serverTrust'];
  startedAt: string;
  finishedAt: string;
  requests?: number;
}

/**
 * Collector output → HostFacts for one Hyper-V host. Per-section failures become unknown facts and collection errors;
 * only a missing or unreadable document throws (CollectError, step collect/parse).
 */
export function hypervFactsFromOutput(output: CollectorOutput, meta: CollectionMeta): z.infer<typeof HypervHostFacts> {
  const doc = parseCollectorOutput(output);
  const isAdmin = doc.sections.privilege?.isAdmin;
  const ctx: MapContext = { doc, isAdmin: typeof isAdmin === 'boolean' ? isAdmin : undefined };

  const sections: Record<string, { ms: number; ok: boolean }> = {};
  for (const name of new Set([...SECTIONS, ...Object.keys(doc.timings)])) {
    sections[name] = {
      ms: doc.timings[name] ?? 0,
      ok: !(name in doc.failed) && !doc.issues.some((i) => i.section === name),
    };
  }
  const facts = {
    schemaVersion: FACTS_SCHEMA_VERSION,
    platform: 'hyperv' as const,
    identity: mapIdentity(ctx, meta.name, meta.address),
    product: mapProduct(ctx),
    cpu: mapCpu(ctx),
    firmware: mapFirmware(ctx),
    footprint: mapFootprint(ctx),
    drivers: mapDrivers(ctx),
    agents: mapAgents(ctx),
    services: mapServices(ctx),
    vms: mapVms(ctx),
    exposure: mapExposure(ctx),
    hyperv: mapHypervDetails(ctx),
    collection: {
      connector: 'hyperv',
      protocol: meta.protocol,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      serverTrust: meta.serverTrust,
      ...(meta.requests !== undefined ? { requests: meta.requests } : {}),
      sections,
      errors: doc.issues,
    },
  };
  const checked = HypervHostFacts.safeParse(facts);
  if (!checked.success) {
    const where = checked.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new CollectError('parse', `the collector document mapped to invalid host facts: ${where}`);
  }
  return checked.data;
}
