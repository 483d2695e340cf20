import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectFile } from '../../../src/core/paths.js';
import { AgentKind } from '../../../src/core/model/common.js';

/** Where a row was read (Broadcom's alias file, a CVE record, a KB transcription); present on every row. */
const source = z.string().min(1);
/** Why a row could not be confirmed; present = unverified (docs/advisories.md lists these rows). */
const unverified = z.string().min(1).optional();

const BuildEntry = z
  .object({
    build: z.string().regex(/^\d+$/),
    version: z.string(),
    patch: z.string(),
    release: z.string(),
    /** Release date (YYYY, YYYY-MM or YYYY-MM-DD); empty when no source gives one. */
    date: z.string().regex(/^(\d{4}(-\d{2}){0,2})?$/),
    source,
    unverified,
  })
  .strict();

export const BuildTable = z.object({
  $comment: z.string().optional(),
  lines: z.array(z.object({ line: z.string(), endOfGeneralSupport: z.string(), source, unverified }).strict()),
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
      /** VMware's own certified introspection, or a partner's code in the vmkernel (Ring -1). */
      origin: z.enum(['vmware-certified', 'third-party-ring-1']),
    }),
  ),
});
export type AgentCatalog = z.infer<typeof AgentCatalog>;

/** Boot modules that hold no host code (data/footprint/esxi-boot-modules.json). */
export const BootModuleCatalog = z.object({
  notHostCode: z.array(
    z.object({ match: z.string(), what: z.string(), source: z.string(), unverified: z.string().optional() }),
  ),
});
export type BootModuleCatalog = z.infer<typeof BootModuleCatalog>;

const ManagedByEntry = z.object({
  extensionKey: z.string(),
  type: z.string(),
  what: z.string(),
  source: z.string().optional(),
  unverified: z.string().optional(),
});

/** data/agents/esxi-service-vms.json: (extensionKey, type) pairs of config.managedBy that are, or are not, partner SVMs. */
export const ServiceVmCatalog = z.object({ notPartner: z.array(ManagedByEntry), partner: z.array(ManagedByEntry) });
export type ServiceVmCatalog = z.infer<typeof ServiceVmCatalog>;

export interface Catalogs {
  builds: BuildTable;
  agents: AgentCatalog;
  bootModules: BootModuleCatalog;
  serviceVms: ServiceVmCatalog;
}

let cached: Catalogs | undefined;

/** The shipped data files, validated once. */
export function loadCatalogs(): Catalogs {
  cached ??= {
    builds: BuildTable.parse(JSON.parse(readFileSync(projectFile('data/esxi-builds.json'), 'utf8'))),
    agents: AgentCatalog.parse(JSON.parse(readFileSync(projectFile('data/agents/esxi-hypervisor.json'), 'utf8'))),
    bootModules: BootModuleCatalog.parse(
      JSON.parse(readFileSync(projectFile('data/footprint/esxi-boot-modules.json'), 'utf8')),
    ),
    serviceVms: ServiceVmCatalog.parse(
      JSON.parse(readFileSync(projectFile('data/agents/esxi-service-vms.json'), 'utf8')),
    ),
  };
  return cached;
}
