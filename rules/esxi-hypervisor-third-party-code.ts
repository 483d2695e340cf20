import { z } from 'zod';
import { defineRule, isUnknown, result } from '../src/rules/define.js';

export default defineRule({
  id: 'esxi-hypervisor-third-party-code',
  title: 'Third-party code runs in the ESXi kernel (Ring -1) without VMware certification',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'software-supply-chain',
  rationale:
    'Every VIB from a vendor other than VMware adds code to the hypervisor itself. VMware-certified or -accepted partner drivers went through VMware testing; PartnerSupported and CommunitySupported VIBs did not.',
  risk: 'A bug or backdoor in uncertified third-party kernel code runs with full control over every VM on the host.',
  remediation: {
    text: 'Replace partner- or community-supported VIBs with VMware-certified versions, or remove them.',
    esxcli: 'esxcli software vib list; esxcli software vib remove -n <name>',
  },
  references: {
    scg: ['vib-acceptance-level-supported'],
    urls: ['https://knowledge.broadcom.com/external/article/330057'],
  },
  params: z
    .object({
      /** VIB vendor strings that mean VMware itself (case-insensitive, exact). */
      vmwareVendors: z.array(z.string()).default(['VMware', 'VMW', 'VMware, Inc.', 'Broadcom']).describe('VIB vendor strings that mean VMware itself (case-insensitive).'),
    })
    .strict(),
  evaluate(facts, params) {
    if (facts.platform !== 'esxi') return result.notApplicable('platform', 'ESXi only');
    const drivers = facts.drivers;
    if (isUnknown(drivers)) return result.unknown('drivers', drivers);
    const vmware = new Set(params.vmwareVendors.map((v) => v.toLowerCase()));
    const vibs = drivers.filter((d) => d.inHypervisor && d.kind === 'vib');
    const thirdParty = vibs.filter((d) => !vmware.has((d.vendor ?? '').toLowerCase()));
    if (thirdParty.length === 0) return result.pass('drivers', 'Every VIB in the hypervisor is from VMware.', vibs.length, 'VMware or VMware-certified VIBs');
    return thirdParty.map((vib) => {
      const path = `drivers[${vib.name}]`;
      const label = `${vib.name} ${vib.version ?? ''} from ${vib.vendor ?? 'an unnamed vendor'}`.replace(/\s+/g, ' ');
      if (vib.acceptanceLevel === undefined) return result.unknown(path, `acceptance level of ${label} was not reported`, vib.name);
      if (vib.acceptanceLevel === 'vmware_certified' || vib.acceptanceLevel === 'vmware_accepted')
        return result.pass(path, `Third-party VIB ${label} is ${vib.acceptanceLevel}.`, vib.acceptanceLevel, 'vmware_certified or vmware_accepted', vib.name);
      const fail = result.fail(path, `Third-party VIB ${label} runs in the hypervisor at acceptance level ${vib.acceptanceLevel}.`, vib.acceptanceLevel, 'vmware_certified or vmware_accepted', vib.name);
      return vib.acceptanceLevel === 'community' ? { ...fail, severity: 'high' as const } : fail;
    });
  },
});
