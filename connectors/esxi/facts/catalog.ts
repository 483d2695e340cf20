import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from '../../../src/paths.js';
import { AgentKind } from '../../../src/model/common.js';

const BuildEntry = z.object({
  build: z.string().regex(/^\d+$/),
  version: z.string(),
  patch: z.string(),
  release: z.string(),
  date: z.string(),
  source: z.string(),
  unverified: z.string().optional(),
});

export const BuildTable = z.object({
  lines: z.array(z.object({ line: z.string(), endOfGeneralSupport: z.string(), unverified: z.string().optional() })),
  builds: z.array(BuildEntry),
});
export type BuildTable = z.infer<typeof BuildTable>;

export const AgentCatalog = z.object({
  indicators: z.array(
    z.object({
      match: z.enum(['vib', 'service', 'ruleset']),
      name: z.string(),
      kind: AgentKind,
      vendor: z.string(),
      agent: z.string(),
      confidence: z.enum(['high', 'medium', 'low']),
      unverified: z.string().optional(),
      /** Present on every NSX-prepared host: counts only beside a partner service VM. */
      requiresServiceVm: z.boolean().optional(),
    }),
  ),
});
export type AgentCatalog = z.infer<typeof AgentCatalog>;

const ManagedByEntry = z.object({ extensionKey: z.string(), type: z.string(), what: z.string(), source: z.string().optional(), unverified: z.string().optional() });

/** data/agents/esxi-service-vms.json: (extensionKey, type) pairs of config.managedBy that are, or are not, partner SVMs. */
export const ServiceVmCatalog = z.object({ notPartner: z.array(ManagedByEntry), partner: z.array(ManagedByEntry) });
export type ServiceVmCatalog = z.infer<typeof ServiceVmCatalog>;

export interface Catalogs {
  builds: BuildTable;
  agents: AgentCatalog;
  serviceVms: ServiceVmCatalog;
}

let cached: Catalogs | undefined;

/** The shipped data files, validated once. */
export function loadCatalogs(): Catalogs {
  cached ??= {
    builds: BuildTable.parse(JSON.parse(readFileSync(projectFile('data/esxi-builds.json'), 'utf8'))),
    agents: AgentCatalog.parse(JSON.parse(readFileSync(projectFile('data/agents/esxi-hypervisor.json'), 'utf8'))),
    serviceVms: ServiceVmCatalog.parse(JSON.parse(readFileSync(projectFile('data/agents/esxi-service-vms.json'), 'utf8'))),
  };
  return cached;
}
