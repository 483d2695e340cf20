import { isUnknown } from '../src/core/model/index.js';
import { defineRule, noParams, result } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-device-assignment',
  title: 'A VM has a physical PCIe device assigned (Discrete Device Assignment)',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    'With DDA the guest drives real hardware directly, including its firmware and DMA; Microsoft advises enabling it only when needed.',
  risk: 'A guest can attack the device firmware or use DMA paths the IOMMU does not fully contain, reaching beyond the VM.',
  remediation: {
    text: 'Remove assigned devices that are not required and prefer devices with vendor mitigations.',
    powershell: "Get-VMAssignableDevice -VMName '<vm>' | Remove-VMAssignableDevice",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-for-deploying-devices-using-discrete-device-assignment',
    ],
  },
  params: noParams,
  evaluate(facts) {
    return perVm(facts, 'No VM has an assigned device.', (vm, path) => {
      const p = `${path}.passthroughDevices`;
      if (vm.passthroughDevices === undefined)
        return result.unknown(p, `assigned devices of ${vm.name} were not reported`, vm.name);
      if (isUnknown(vm.passthroughDevices)) return result.unknown(p, vm.passthroughDevices, vm.name);
      return vm.passthroughDevices > 0
        ? result.fail(
            p,
            `${vm.name} has ${vm.passthroughDevices} physical device(s) assigned.`,
            vm.passthroughDevices,
            0,
            vm.name,
          )
        : undefined;
    });
  },
});
