import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'esxi-hypervisor-third-party-code',
  title: 'Community-supported third-party code runs in the ESXi kernel (Ring -1)',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'software-supply-chain',
  rationale:
    'Every VIB from a vendor other than VMware adds code to the hypervisor itself; each is listed as inventory. The SCG accepts PartnerSupported or higher and the STIG (ESXI-80-000133) finds only CommunitySupported, which no one but its author tested or signed, so only community VIBs fail.',
  risk: 'A bug or backdoor in untested, unsigned kernel code runs with full control over every VM on the host.',
  remediation: {
    text: 'Replace community-supported VIBs with partner- or VMware-certified versions, or remove them.',
    esxcli: 'esxcli software vib list; esxcli software vib remove -n <name>',
  },
  references: {
    scg: ['vib-acceptance-level-supported'],
    urls: ['https://knowledge.broadcom.com/external/article/330057'],
  },
  params: z
    .object({
      // VMware's own VIBs carry VMware or VMW; Broadcom is also the vendor of partner drivers (bnxtnet, lsi_mr3), so it is not VMware here.
      vmwareVendors: z
        .array(z.string())
        .default(['VMware', 'VMW', 'VMware, Inc.'])
        .describe('VIB vendor strings that mean VMware itself (case-insensitive).'),
    })
    .strict(),
  evaluate(facts, params) {
    const drivers = facts.drivers;
    if (isUnknown(drivers)) return result.unknown('drivers', drivers);
    const vmware = new Set(params.vmwareVendors.map((v) => v.toLowerCase()));
    const vibs = drivers.filter((d) => d.inHypervisor && d.kind === 'vib');
    const thirdParty = vibs.filter((d) => !vmware.has((d.vendor ?? '').toLowerCase()));
    const expected = 'partner or higher (not community)';
    if (thirdParty.length === 0)
      return result.pass('drivers', 'Every VIB in the hypervisor is from VMware.', vibs.length, expected);
    return thirdParty.map((vib) => {
      const path = `drivers[${vib.name}]`;
      const label = `${vib.name} ${vib.version ?? ''} from ${vib.vendor ?? 'an unnamed vendor'}`.replace(/\s+/g, ' ');
      if (vib.acceptanceLevel === undefined)
        return result.unknown(path, `acceptance level of ${label} was not reported`, vib.name);
      if (vib.acceptanceLevel !== 'community')
        return result.pass(
          path,
          `Third-party code in the hypervisor: VIB ${label} at acceptance level ${vib.acceptanceLevel}.`,
          vib.acceptanceLevel,
          expected,
          vib.name,
        );
      const fail = result.fail(
        path,
        `Third-party VIB ${label} runs in the hypervisor at acceptance level community (unsigned, untested).`,
        vib.acceptanceLevel,
        expected,
        vib.name,
      );
      return { ...fail, severity: 'high' as const };
    });
  },
});
