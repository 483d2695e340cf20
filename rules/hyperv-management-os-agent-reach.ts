import { z } from 'zod';
import { AgentKind } from '../src/core/model/index.js';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-management-os-agent-reach',
  title: "A third-party agent in the management OS can read every VM's disks and memory files",
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    "Antivirus, EDR and backup agents run as SYSTEM in the root partition, where the VHDX, VMRS and VMGS files of every VM live; they add their code, update channel and vendor console to the host's trusted base.",
  risk: 'An exploited or hijacked agent (or its management console) reads or alters every VM on the host: "an exploited AV has access to every VM".',
  remediation: {
    text: 'Keep third-party agents off Hyper-V hosts where possible; otherwise restrict their consoles, keep them patched and configure the Hyper-V exclusions.',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/troubleshoot/windows-server/virtualization/antivirus-exclusions-for-hyper-v-hosts',
    ],
  },
  params: z
    .object({
      kinds: z
        .array(AgentKind)
        .default(['antivirus', 'edr', 'introspection', 'backup'])
        .describe('Agent kinds that count as having reach into VM files.'),
      /** Vendors whose agents ship with the OS (matched case-insensitively as substrings). */
      osVendors: z
        .array(z.string())
        .default(['Microsoft'])
        .describe('Vendors whose agents ship with the OS and do not count (case-insensitive substrings).'),
    })
    .strict(),
  evaluate(facts, params) {
    const agents = facts.agents;
    if (isUnknown(agents)) return result.unknown('agents', agents);
    const isOs = (vendor?: string) =>
      params.osVendors.some((v) => (vendor ?? '').toLowerCase().includes(v.toLowerCase()));
    const hits = agents.filter((a) => a.scope === 'management-os' && params.kinds.includes(a.kind) && !isOs(a.vendor));
    if (hits.length === 0)
      return result.pass(
        'agents',
        'No third-party agent with reach into VM files was found.',
        agents.map((a) => a.name),
        'none',
      );
    return hits.map((a) =>
      result.fail(
        `agents[${a.name}]`,
        `${a.kind} agent ${a.name}${a.vendor ? ` (${a.vendor})` : ''} runs in the management OS (${a.evidence.join('; ')}).`,
        a.evidence,
        'no third-party agent in the root partition',
        a.name,
      ),
    );
  },
});
