import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { isUnknown, type TriState } from '../src/core/model/index.js';
import { adapterPlace, adapterSubject, checkVmAdapters } from '../src/rules/kit/helpers.js';

/** A guard as observed: on, off, or null when it could not be read (the other guard is off). */
const observedGuard = (guard: TriState) => (isUnknown(guard) ? null : guard);

export default defineRule({
  id: 'hyperv-vm-nic-guards-off',
  title: 'VM network adapters on an external switch run without DHCP guard or router guard',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'DHCP guard and router guard drop DHCP offers and router advertisements from VMs that are not meant to send them.',
  risk: "A compromised VM answers DHCP or advertises itself as a router and takes over other machines' traffic on the segment.",
  remediation: {
    text: 'Enable DHCP guard and router guard on every adapter that is not a DHCP server or router.',
    powershell: "Set-VMNetworkAdapter -VMName '<vm>' -DhcpGuard On -RouterGuard On",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/powershell/module/hyper-v/set-vmnetworkadapter',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return checkVmAdapters(facts, {
      offends: (a) => a.dhcpGuard === false || a.routerGuard === false,
      fail: (a) => {
        const off = [a.dhcpGuard === false && 'DHCP guard', a.routerGuard === false && 'router guard']
          .filter(Boolean)
          .join(' and ');
        return result.fail(
          `hyperv.vmNetworkAdapters[${a.vm}]`,
          `${a.vm} on ${adapterPlace(a)} runs without ${off}.`,
          { dhcpGuard: observedGuard(a.dhcpGuard), routerGuard: observedGuard(a.routerGuard) },
          { dhcpGuard: true, routerGuard: true },
          adapterSubject(a),
        );
      },
      reads: (a) => [a.dhcpGuard, a.routerGuard],
      passMessage: 'Every VM adapter has DHCP guard and router guard on.',
    });
  },
});
