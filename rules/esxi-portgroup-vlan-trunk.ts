import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

/** VLAN 4095 on a standard port group passes every VLAN's tagged frames to the guest (virtual guest tagging). */
const ALL_VLANS = 4095;

export default defineRule({
  id: 'esxi-portgroup-vlan-trunk',
  title: 'A standard port group trunks all VLANs to its VMs (VLAN 4095)',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'network',
  rationale:
    'VLAN 4095 (virtual guest tagging) hands every VLAN on the uplink, including management and storage, to the guests on that port group.',
  risk: 'A guest can reach the management, vMotion or storage VLANs.',
  remediation: {
    text: 'Give the port group a single VLAN ID unless a guest genuinely needs VLAN trunking (then document it).',
    esxcli: 'esxcli network vswitch standard portgroup set -p "<port group>" --vlan-id <id>',
    powercli: 'Get-VirtualPortGroup -VMHost $vmhost -Standard -Name "<port group>" | Set-VirtualPortGroup -VLanId <id>',
  },
  references: { scg: ['network-vgt'], stig: ['ESXI-80-000220'] },
  params: noParams,
  evaluate: (esxi) =>
    withFact('exposure.network', esxi.exposure.network, ({ portgroups }) => {
      if (portgroups.length === 0)
        return result.notApplicable('exposure.network.portgroups', 'host has no standard port group');
      return portgroups.map((pg) => {
        const path = `exposure.network.portgroups[${pg.name}].vlanId`;
        const subject = `port group ${pg.name}`;
        if (isUnknown(pg.vlanId)) return result.unknown(path, pg.vlanId, subject);
        return verdict(
          pg.vlanId !== ALL_VLANS,
          path,
          { pass: `port group ${pg.name}: VLAN ${pg.vlanId}`, fail: `port group ${pg.name} trunks all VLANs (4095)` },
          pg.vlanId,
          'not 4095',
          subject,
        );
      });
    }),
});
