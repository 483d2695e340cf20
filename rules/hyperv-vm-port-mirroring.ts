import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { adapterPlace, adapterSubject, checkVmAdapters } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-port-mirroring',
  title: 'A VM adapter receives mirrored traffic of other ports on its switch',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'trust-boundaries',
  rationale:
    'PortMirroringMode Destination makes the virtual switch copy every frame of the Source ports on that switch to this VM (Set-VMNetworkAdapter -PortMirroring); only monitoring appliances need it.',
  risk: 'Whoever controls the destination VM reads the traffic of other VMs (credentials, data), across the isolation the switch should give.',
  remediation: {
    text: 'Set port mirroring to None except on the monitoring appliance that needs it, and keep that VM hardened.',
    powershell: "Set-VMNetworkAdapter -VMName '<vm>' -PortMirroring None",
  },
  references: { urls: ['https://learn.microsoft.com/en-us/powershell/module/hyper-v/set-vmnetworkadapter'] },
  params: noParams,
  evaluate(facts) {
    return checkVmAdapters(facts, {
      offends: (a) => a.portMirroring === 'Destination',
      fail: (a) =>
        result.fail(
          `hyperv.vmNetworkAdapters[${a.vm}].portMirroring`,
          `${a.vm} receives a mirror of the Source ports' traffic on ${adapterPlace(a)}.`,
          'Destination',
          'None',
          adapterSubject(a),
        ),
      reads: (a) => [a.portMirroring],
      passMessage: 'No VM adapter is a port-mirroring destination.',
    });
  },
});
