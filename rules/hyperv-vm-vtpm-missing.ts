import { isUnknown } from '../src/core/model/index.js';
import { defineRule, result, requiredControlParams } from '../src/rules/kit/define.js';
import { perVm } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vm-vtpm-missing',
  title: 'A generation 2 VM has no virtual TPM',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'vm-hardening',
  rationale:
    "A vTPM lets the guest use BitLocker, measured boot and Credential Guard, and protects the VM's state against offline reading when combined with shielding.",
  risk: "Guest disks cannot be encrypted with a TPM protector, so a copy of the VHDX exposes the guest's data.",
  remediation: {
    text: 'Add a key protector and enable the vTPM.',
    powershell: "Set-VMKeyProtector -VMName '<vm>' -NewLocalKeyProtector; Enable-VMTPM -VMName '<vm>'",
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
      'https://learn.microsoft.com/en-us/powershell/module/hyper-v/enable-vmtpm',
    ],
  },
  params: requiredControlParams,
  evaluate(facts, params) {
    if (!params.required) return result.notApplicable('vms.items', 'The profile does not require a vTPM.');
    return perVm(facts, 'The host has no generation 2 VMs.', (vm, path) => {
      if (vm.generation !== undefined && vm.generation < 2) return undefined;
      const tpm = vm.vtpm;
      if (tpm === undefined)
        return result.unknown(`${path}.vtpm`, `vTPM state of ${vm.name} was not reported`, vm.name);
      if (isUnknown(tpm)) return result.unknown(`${path}.vtpm`, tpm, vm.name);
      return tpm
        ? result.pass(`${path}.vtpm`, `${vm.name} has a vTPM.`, true, true, vm.name)
        : result.fail(`${path}.vtpm`, `${vm.name} has no vTPM.`, false, true, vm.name);
    });
  },
});
