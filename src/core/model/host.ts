import { z } from 'zod';
import { fact } from './fact.js';
import { Agent, Collection, Cpu, Driver, Firmware, Footprint, Identity, Product, Service, Vms } from './common.js';
import { EsxiDetails, EsxiExposure } from './esxi.js';
import { HypervDetails, HypervExposure } from './hyperv.js';

export const FACTS_SCHEMA_VERSION = 1;

const base = {
  schemaVersion: z.literal(FACTS_SCHEMA_VERSION),
  identity: Identity,
  product: Product,
  cpu: Cpu,
  firmware: Firmware,
  footprint: Footprint,
  drivers: fact(z.array(Driver)),
  agents: fact(z.array(Agent)),
  services: fact(z.array(Service)),
  vms: fact(Vms),
  collection: Collection,
};

export const EsxiHostFacts = z
  .object({ ...base, platform: z.literal('esxi'), exposure: EsxiExposure, esxi: EsxiDetails })
  .strict();

export const HypervHostFacts = z
  .object({ ...base, platform: z.literal('hyperv'), exposure: HypervExposure, hyperv: HypervDetails })
  .strict();

/** The one normalized host model shared by connectors (which fill it) and rules (which judge it). */
export const HostFacts = z.discriminatedUnion('platform', [EsxiHostFacts, HypervHostFacts]);

export type HostFacts = z.infer<typeof HostFacts>;
export type EsxiHostFacts = z.infer<typeof EsxiHostFacts>;
export type HypervHostFacts = z.infer<typeof HypervHostFacts>;
/** The facts of each platform, by platform name. */
export interface HostFactsByPlatform {
  esxi: EsxiHostFacts;
  hyperv: HypervHostFacts;
}
/** The facts of some platforms: HostFactsOf<'esxi'> is EsxiHostFacts; HostFactsOf<Platform> is HostFacts. */
export type HostFactsOf<P extends HostFacts['platform']> = HostFactsByPlatform[P];
