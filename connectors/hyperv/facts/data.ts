import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AgentKind } from '../../../src/core/model/index.js';
import { projectFile } from '../../../src/core/paths.js';

/** Tables that change without code: Windows Server builds and agent service names (data/). */

export const WindowsBuildTable = z.object({
  schemaVersion: z.literal(1),
  builds: z.array(
    z
      .object({
        build: z.number().int(),
        product: z.string(),
        releaseName: z.string(),
        endOfSupport: z.string(),
        /** Where the row was read (lifecycle page or its transcription). */
        source: z.string().min(1),
        unverified: z.boolean().optional(),
        unverifiedReason: z.string().min(1).optional(),
      })
      .strict()
      .refine((b) => (b.unverified === true) === (b.unverifiedReason !== undefined), {
        error: 'an unverified row says why (unverifiedReason), and only an unverified row has a reason',
      }),
  ),
});
export type WindowsBuild = z.infer<typeof WindowsBuildTable>['builds'][number];

const AgentNames = z.object({
  schemaVersion: z.literal(1),
  agents: z.array(
    z.object({
      service: z.string(),
      product: z.string(),
      vendor: z.string(),
      kind: AgentKind,
      confidence: z.enum(['confirmed', 'unverified']),
    }),
  ),
});
export type AgentName = z.infer<typeof AgentNames>['agents'][number];

function load<T>(relative: string, schema: z.ZodType<T>): T {
  const path = projectFile(relative);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

let builds: WindowsBuild[] | undefined;
let agents: Map<string, AgentName> | undefined;

export function windowsBuild(build: number): WindowsBuild | undefined {
  builds ??= load('data/windows-builds.json', WindowsBuildTable).builds;
  return builds.find((b) => b.build === build);
}

/** Agent by service name, case-insensitive. */
export function agentForService(serviceName: string): AgentName | undefined {
  agents ??= new Map(
    load('data/agents/windows-services.json', AgentNames).agents.map((a) => [a.service.toLowerCase(), a]),
  );
  return agents.get(serviceName.toLowerCase());
}

const KernelListeners = z.object({
  ports: z.array(
    z.object({
      protocol: z.string(),
      ports: z.array(z.number().int()),
      drivers: z.array(z.string()),
      services: z.array(z.string()),
      what: z.string(),
      source: z.string(),
      unverified: z.string().optional(),
    }),
  ),
});
export type KernelListener = z.infer<typeof KernelListeners>['ports'][number];

let kernelListeners: KernelListener[] | undefined;

/** The driver and service behind a System-process (PID 4) endpoint, by protocol and port. */
export function kernelListener(protocol: string, port: number): KernelListener | undefined {
  kernelListeners ??= load('data/footprint/windows-kernel-listeners.json', KernelListeners).ports;
  return kernelListeners.find((k) => k.protocol === protocol.toLowerCase() && k.ports.includes(port));
}
