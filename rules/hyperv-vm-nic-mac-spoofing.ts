import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { adapterPlace, adapterSubject, checkVmAdapters } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-nic-mac-spoofing',
  title: 'A VM network adapter may spoof MAC addresses',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'With MAC address spoofing allowed, the guest can send frames under any source MAC, which the virtual switch then learns; only NLB, nested hosts and some appliances need it.',
  risk: 'A compromised VM impersonates other VMs or the host on the switch and intercepts their traffic.',
  remediation: {
    text: 'Turn MAC address spoofing off on adapters that do not need it.',
    powershell: "Set-VMNetworkAdapter -VMName '<vm>' -MacAddressSpoofing Off",
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
      offends: (a) => a.macAddressSpoofing === true,
      fail: (a) =>
        result.fail(
          `hyperv.vmNetworkAdapters[${a.vm}].macAddressSpoofing`,
          `${a.vm} may spoof MAC addresses on ${adapterPlace(a)}.`,
          true,
          false,
          adapterSubject(a),
        ),
      reads: (a) => [a.macAddressSpoofing],
      passMessage: 'No VM adapter allows MAC address spoofing.',
    });
  },
});
